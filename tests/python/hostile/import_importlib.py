import importlib

os = importlib.import_module("os")
print(os.getpid())
