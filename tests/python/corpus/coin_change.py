import sys

amount, *coins = map(int, sys.stdin.read().split())
ways = [1] + [0] * amount
for coin in coins:
    for total in range(coin, amount + 1):
        ways[total] += ways[total - coin]
INF = float("inf")
fewest = [0] + [INF] * amount
last = [0] * (amount + 1)
for total in range(1, amount + 1):
    for coin in coins:
        if coin <= total and fewest[total - coin] + 1 < fewest[total]:
            fewest[total] = fewest[total - coin] + 1
            last[total] = coin
print("ways:", ways[amount])
print("fewest coins:", fewest[amount])
used = []
t = amount
while t:
    used.append(last[t])
    t -= last[t]
print("using", sorted(used, reverse=True))
print([fewest[t] if fewest[t] != INF else None for t in range(1, 12)])
print(ways[100], sum(ways[:20]))
