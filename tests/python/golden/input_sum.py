n = int(input())
values = [int(input()) for _ in range(n)]
print(sum(values), min(values), max(values))
