class InsufficientFunds(Exception):
    def __init__(self, needed, available):
        super().__init__(f"needed {needed}, available {available}")
        self.needed = needed
        self.available = available


class Account:
    interest_rate = 0

    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.history = []

    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self.balance += amount
        self.history.append(("deposit", amount))

    def withdraw(self, amount):
        if amount > self.balance:
            raise InsufficientFunds(amount, self.balance)
        self.balance -= amount
        self.history.append(("withdraw", amount))

    def add_interest(self):
        gained = self.balance * self.interest_rate // 100
        self.balance += gained
        return gained

    def __repr__(self):
        return f"{type(self).__name__}({self.owner!r}, balance={self.balance})"

    def __lt__(self, other):
        return self.balance < other.balance


class Savings(Account):
    interest_rate = 3

    def withdraw(self, amount):
        if len([h for h in self.history if h[0] == "withdraw"]) >= 2:
            raise PermissionError("only two withdrawals allowed")
        super().withdraw(amount)


accounts = [Account("ann", 100), Savings("bob", 1000), Account("cy")]
for acc in accounts:
    for op, amount in [("deposit", 50), ("withdraw", 120), ("withdraw", 10), ("withdraw", 5), ("deposit", -1)]:
        try:
            getattr(acc, op)(amount)
        except InsufficientFunds as e:
            print(acc.owner, "refused:", e, e.needed - e.available)
        except (PermissionError, ValueError) as e:
            print(acc.owner, type(e).__name__, e)
    print(acc, "interest", acc.add_interest())
print(sorted(accounts))
print(max(accounts).owner, [h for h in accounts[1].history])
