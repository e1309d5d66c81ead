"""Articles of odd shapes, each up to the size limit, for the import benchmark's worst case: the importer must read
or refuse any of them within a few seconds."""

import random
import string


def shapes(size, seed=7):
    """{name: text} of a little under ``size`` bytes each in UTF-8."""
    size = size * 95 // 100
    rng = random.Random(seed)

    def word():
        return rng.choice(string.ascii_uppercase) + "".join(rng.choice("aeiouklmnrst") for _ in range(6))

    def repeat(make, unit):
        return " ".join(make() for _ in range(max(1, size // unit)))

    header = " date 2020-01-01 "
    return {
        "one line of dashes": header + "-" * size,
        "capitalised words, no full stop": header + repeat(word, 8),
        "10,000 names and more": header + repeat(lambda: "Sergey Lavrov met Murat Nurtleu in Astana and Moscow", 52),
        "new officials in every sentence": header
        + repeat(
            lambda: f"Kazakh Foreign Minister {word()} {word()} met Russian Foreign Minister {word()} {word()}.", 90
        ),
        # Two bytes a quote mark.
        "deeply nested quotes": header + "Lavrov said " + "«" * (size // 4) + "talks" + "»" * (size // 4),
        "a date in every sentence": header
        + repeat(lambda: f"Lavrov met Nurtleu on {rng.randint(1, 28)} May {rng.randint(2000, 2024)}.", 45),
        "Russian words, no full stop": header  # two bytes a letter
        + repeat(lambda: rng.choice("Лавров встретился с Нуртлеу в Астане переговоры министр".split()), 18),
    }
