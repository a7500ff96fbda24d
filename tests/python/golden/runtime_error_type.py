items = ["3", "4"]
print(sum(items))
