import heapq

jobs = [
    ("backup", 3, 40), ("email", 1, 5), ("report", 2, 20),
    ("index", 3, 15), ("billing", 1, 30), ("cleanup", 5, 10),
]
queue = []
for order, (name, priority, minutes) in enumerate(jobs):
    heapq.heappush(queue, (priority, order, name, minutes))

clock = 0
while queue:
    priority, _, name, minutes = heapq.heappop(queue)
    clock += minutes
    print(f"t={clock:>3} done {name:<8} (priority {priority})")

numbers = [27, 3, 81, 9, 1, 243, 12, 7]
print(heapq.nsmallest(3, numbers), heapq.nlargest(2, numbers))
heapq.heapify(numbers)
print(numbers[0], [heapq.heappop(numbers) for _ in range(len(numbers))])
merged = list(heapq.merge([1, 4, 9], [2, 3, 10], [0, 11]))
print(merged)
print(heapq.heappushpop([5, 7, 9], 1), heapq.heapreplace([5, 7, 9], 1))
