stock = {"apples": 5, "pears": 0, "plums": 12}
stock["kiwis"] = 3
stock.update(pears=4, figs=9)
print(stock, len(stock), "plums" in stock, stock.get("dates"), stock.get("dates", 0))
print(list(stock), list(stock.values()), list(stock.items())[:2])
print(stock.pop("apples"), stock.setdefault("limes", 1), stock.popitem(), stock)
merged = stock | {"plums": 1, "nuts": 2}
print(merged, {k: v for k, v in merged.items() if v > 2})
print(dict.fromkeys("abc", 0), dict(zip("xyz", range(3))), sorted(merged, key=merged.get))
del merged["kiwis"]
print(merged, min(merged.items(), key=lambda kv: kv[1]))
