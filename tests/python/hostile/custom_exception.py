class BudgetExceeded(Exception):
    pass


spent = 0
for cost in [40, 70, 20]:
    spent += cost
    if spent > 100:
        raise BudgetExceeded(f"spent {spent}")
