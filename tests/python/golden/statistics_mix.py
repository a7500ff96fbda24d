import statistics

data = [2.5, 3.25, 5.5, 1.75, 8.0, 3.25, 4.5, 6.75]
print(statistics.mean(data), statistics.median(data), statistics.mode(data), statistics.stdev(data), statistics.pvariance(data))
print(statistics.quantiles(data, n=10), statistics.fmean(data), statistics.geometric_mean(data), statistics.harmonic_mean(data))
print(statistics.correlation([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]), statistics.linear_regression([1, 2, 3, 4], [3, 5, 7, 10]))
