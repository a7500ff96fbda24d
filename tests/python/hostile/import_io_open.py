import io

print(io.open("/etc/hostname").read())
