rows = [("Widgets", 1234.5, 0.0735), ("Gadgets", 98765.4321, 0.5), ("Sprockets", 7, 1.0)]
print(f"{'Product':<10}|{'Revenue':>12}|{'Share':>8}")
print("-" * 32)
for name, revenue, share in rows:
    print(f"{name:<10}|{revenue:>12,.2f}|{share:>8.1%}")
n = 255
print(f"{n:b} {n:o} {n:x} {n:X} {n:#x} {n:#b} {n:08b}")
print(f"{3.14159:.2f} {3.14159:10.3f}| {-3.5:+.1f} {2.5:+.0f} {42:+d} {42:05d}")
print(f"{1234567.891:.3e} {0.000123:.2e} {1e21:g} {123.456:g} {0.0001:g}")
print(f"{'centre':^12}| {'x':*^7} {'left':-<8} {'right':.>8}")
print(f"{12345678:,} {12345678:_} {0.5:.0%} {1/3:.5}")
name, score = "Ada", 97.256
print(f"{name!r} scored {score:.1f}; {name=}, {score=:.2f}")
print("{0} {1} {0}".format("a", "b"), "{x}-{y}".format(x=1, y=2), "{:>6}".format("hi"))
print("%s has %d items costing %.2f (%5.1f%%)" % ("cart", 3, 19.987, 12.345))
print("%-6s|%6s|%06.2f|%x" % ("ab", "cd", 3.14159, 255))
width = 9
print(f"{'dynamic':>{width}}|{3.14159:.{width - 5}f}")
print(format(0.1 + 0.2, ".17f"), format(1e-7, "f"), format(-0.0, ".1f"))
