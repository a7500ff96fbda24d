from datetime import date, datetime, timedelta

start = date(2024, 1, 31)
print(start, start.isoformat(), start.weekday(), start.isoweekday(), start.toordinal())
print(start + timedelta(days=30), start - timedelta(weeks=5), date(2024, 12, 25) - start)
deadline = datetime(2024, 3, 15, 17, 30)
submitted = datetime(2024, 3, 14, 9, 5, 42)
gap = deadline - submitted
print(gap, gap.days, gap.seconds, gap.total_seconds())
print(deadline.isoformat(), submitted.replace(hour=23).isoformat(sep=" "))
print(date(2024, 2, 29) + timedelta(days=365), date.fromisoformat("2023-10-05").year)
leap = [y for y in range(1896, 2030, 4) if (y % 4 == 0 and y % 100 != 0) or y % 400 == 0]
print(leap[:3], len(leap))
d = date(2024, 1, 1)
mondays = 0
while d.year == 2024:
    if d.weekday() == 0:
        mondays += 1
    d += timedelta(days=1)
print("mondays in 2024:", mondays)
print(sorted([date(2024, 5, 1), date(2023, 12, 31), date(2024, 1, 15)]))
print(datetime(2024, 1, 1) < datetime(2024, 1, 1, 0, 0, 1), timedelta(hours=25), timedelta(minutes=-5))
print(datetime.fromisoformat("2024-06-30T08:15:00").strftime("%Y/%m/%d %H:%M"), date(2024, 7, 4).strftime("%d.%m.%y"))
