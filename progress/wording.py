"""Numbers and durations as short, plain words for the progress pages."""

NUMBER_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]


def number_in_words(value) -> str:
    """Small whole numbers as words ("three"); bigger ones stay as digits."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return ""
    return NUMBER_WORDS[number] if 0 <= number < len(NUMBER_WORDS) else f"{number:,}"


def _unit(count: int, name: str) -> str:
    return f"{count} {name}" if count == 1 else f"{count} {name}s"


def duration_in_words(seconds) -> str:
    """1 hour 5 minutes; 4 minutes 20 seconds; 35 seconds. Only the two biggest parts."""
    if seconds is None:
        return ""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return " ".join([_unit(hours, "hour")] + ([_unit(minutes, "minute")] if minutes else []))
    if minutes:
        return " ".join([_unit(minutes, "minute")] + ([_unit(secs, "second")] if secs else []))
    return _unit(secs, "second")


def days_ago_in_words(days) -> str:
    if days is None:
        return "Not yet"
    if days <= 0:
        return "Today"
    if days == 1:
        return "Yesterday"
    return f"{days} days ago"
