import ctypes

print(ctypes.CDLL(None))
