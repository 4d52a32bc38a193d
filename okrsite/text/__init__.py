"""What readers read: labels in Japanese and English (i18n), numbers with the one rounding rule
(numbers), dates and periods (dates), and escaping (escape, sanitize) of contributors' text."""
