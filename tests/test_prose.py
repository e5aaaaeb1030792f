"""analysis.findings.prose: computed numbers in notebook text."""

import pytest

from analysis.findings import prose


def test_say_formats_named_fields_with_their_specs():
    text = prose.say("about {drop:.0%} lower; CI {low:.2f} to {high:.2f}", drop=0.7762, low=0.0861, high=0.5549)
    assert str(text) == "about 78% lower; CI 0.09 to 0.55"


def test_say_displays_the_same_text_as_markdown_and_plain_text():
    text = prose.say("rate {rate:.3f} per patient-year", rate=9 / 3.9)
    bundle_markdown = text._repr_markdown_()
    assert bundle_markdown == repr(text) == "rate 2.308 per patient-year"


@pytest.mark.parametrize(("template", "numbers", "message"), [
    ("{a} and {b}", {"a": 1}, r"^template field\(s\) without a value: b$"),
    ("{a}", {"a": 1, "b": 2}, r"^value\(s\) not used by the template: b$"),
    ("{} and {a}", {"a": 1}, r"^template field \{\} must be named"),
    ("{0}", {}, r"^template field \{0\} must be named"),
])
def test_say_refuses_fields_and_values_that_do_not_pair_up(template, numbers, message):
    with pytest.raises(ValueError, match=message):
        prose.say(template, **numbers)


def test_say_reads_attributes_and_items_of_a_named_value():
    row = {"ratio": 0.2237}
    assert str(prose.say("ratio {row[ratio]:.2f}", row=row)) == "ratio 0.22"


def test_say_keeps_literal_braces_and_refuses_a_non_text_template():
    assert str(prose.say("{{not a field}} {x}", x=1)) == "{not a field} 1"
    with pytest.raises(TypeError, match="^template must be a str"):
        prose.say(3)
