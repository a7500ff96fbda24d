import time

time.sleep(1)
print(time.time())
