chunks = []
while True:
    chunks.append("x" * 1_000_000 + str(len(chunks)))
