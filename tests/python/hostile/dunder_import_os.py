os = __import__("os")
print(os.getcwd())
