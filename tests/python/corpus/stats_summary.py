import statistics
import sys

values = [float(x) for x in sys.stdin.read().split()]
ints = [int(v) for v in values]
print("n", len(values))
print("mean", statistics.mean(values), statistics.mean(ints))
print("median", statistics.median(values), statistics.median_low(ints), statistics.median_high(ints))
print("mode", statistics.mode(ints), statistics.multimode(ints))
print("stdev", round(statistics.stdev(values), 6), "pstdev", round(statistics.pstdev(values), 6))
print("variance", round(statistics.variance(values), 6), statistics.pvariance([1, 2, 3, 4]))
print("quantiles", [round(q, 6) for q in statistics.quantiles(values, n=4)])
print("fmean", round(statistics.fmean(values), 6), "harmonic", round(statistics.harmonic_mean([2, 4, 4]), 6))
print("geometric", round(statistics.geometric_mean([1, 2, 4, 8]), 6))
try:
    statistics.mean([])
except statistics.StatisticsError:
    print("empty data rejected")
outliers = [v for v in values if abs(v - statistics.mean(values)) > 2 * statistics.stdev(values)]
print("outliers", outliers)
