class Node:
    def __init__(self, value, next=None):
        self.value = value
        self.next = next


class LinkedList:
    def __init__(self, items=()):
        self.head = None
        self._size = 0
        for item in reversed(list(items)):
            self.push(item)

    def push(self, value):
        self.head = Node(value, self.head)
        self._size += 1

    def pop(self):
        if self.head is None:
            raise IndexError("pop from empty list")
        node = self.head
        self.head = node.next
        self._size -= 1
        return node.value

    def __iter__(self):
        node = self.head
        while node:
            yield node.value
            node = node.next

    def __len__(self):
        return self._size

    def __contains__(self, value):
        return any(v == value for v in self)

    def __getitem__(self, index):
        if index < 0:
            index += len(self)
        for i, v in enumerate(self):
            if i == index:
                return v
        raise IndexError("index out of range")

    def reverse(self):
        prev, node = None, self.head
        while node:
            node.next, prev, node = prev, node, node.next
        self.head = prev

    def __str__(self):
        return " -> ".join(map(str, self)) or "(empty)"

    def __repr__(self):
        return f"LinkedList({list(self)!r})"


ll = LinkedList([1, 2, 3, 4])
print(ll, len(ll), 3 in ll, 9 in ll, ll[0], ll[-1])
ll.push(0)
ll.reverse()
print(ll, repr(ll))
print([ll.pop() for _ in range(3)], ll)
ll.pop()
ll.pop()
print(str(ll), bool(ll), len(ll))
try:
    ll.pop()
except IndexError as e:
    print("IndexError:", e)
print(sum(LinkedList(range(101))), max(LinkedList("hello")), list(map(str.upper, LinkedList("abc"))))
