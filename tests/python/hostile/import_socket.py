import socket

s = socket.create_connection(("example.com", 80))
print(s.recv(100))
