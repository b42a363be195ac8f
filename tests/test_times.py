"""Temporal expressions and their normalisation against the document date."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from eventwire.model import Article, DocResult, Document, Mention, Sentence
from eventwire.resolve.times import TimesStage, find_times, normalise
from eventwire.resolve.times.grammar import scan
from tests.conftest import seed_gold_result

SUNDAY = date(2020, 2, 16)  # a Sunday


@pytest.mark.parametrize("text, start, end, precision, value", [
    ("January 3", date(2020, 1, 3), date(2020, 1, 3), "day", "2020-01-03"),
    ("on February 2", date(2020, 2, 2), date(2020, 2, 2), "day", "2020-02-02"),
    ("December 30, 2019", date(2019, 12, 30), date(2019, 12, 30), "day", "2019-12-30"),
    ("FEBRUARY 16, 2020 00:30", date(2020, 2, 16), date(2020, 2, 16), "minute", "2020-02-16T00:30"),
    ("3 March 2019", date(2019, 3, 3), date(2019, 3, 3), "day", "2019-03-03"),
    ("over the weekend", date(2020, 2, 15), date(2020, 2, 16), "week", "2020-W07-WE"),
    ("last week", date(2020, 2, 3), date(2020, 2, 9), "week", "2020-W06"),
    ("in the last 48 hours", date(2020, 2, 14), date(2020, 2, 16), "day", "PT48H"),
    ("in March of last year", date(2019, 3, 1), date(2019, 3, 31), "month", "2019-03"),
    ("in December", date(2019, 12, 1), date(2019, 12, 31), "month", "2019-12"),
    ("March 2019", date(2019, 3, 1), date(2019, 3, 31), "month", "2019-03"),
    ("yesterday", date(2020, 2, 15), date(2020, 2, 15), "day", "2020-02-15"),
    ("on Tuesday", date(2020, 2, 11), date(2020, 2, 11), "day", "2020-02-11"),
    ("two days ago", date(2020, 2, 14), date(2020, 2, 14), "day", "2020-02-14"),
    ("last month", date(2020, 1, 1), date(2020, 1, 31), "month", "2020-01"),
    ("in 2018", date(2018, 1, 1), date(2018, 12, 31), "year", "2018"),
    ("in 2012", date(2012, 1, 1), date(2012, 12, 31), "year", "2012"),
    ("the 1990s", date(1990, 1, 1), date(1999, 12, 31), "decade", "199"),
    ("before 2011", None, date(2010, 12, 31), "open", "2011"),
    ("since 2011", date(2011, 1, 1), SUNDAY, "open", "2011"),
    ("three years", None, None, "year", "P3Y"),
    ("every week", None, None, "week", "P1W"),
    ("every Monday", None, None, "week", "XXXX-WXX-1"),
    ("on Mondays", None, None, "week", "XXXX-WXX-1"),
    ("twice a week", None, None, "week", "P1W"),
    ("quarterly", None, None, "month", "P3M"),
    ("2013-03-22", date(2013, 3, 22), date(2013, 3, 22), "day", "2013-03-22"),
    ("3/22/2013", date(2013, 3, 22), date(2013, 3, 22), "day", "2013-03-22"),
    ("the 20th century", date(1901, 1, 1), date(2000, 12, 31), "decade", "19"),
    ("the late 1980s", date(1980, 1, 1), date(1989, 12, 31), "decade", "198"),
    ("almost seven years", None, None, "year", "P7Y"),
    ("3:07:35", None, None, "day", "PT3H7M35S"),
])
def test_normalise(text, start, end, precision, value):
    span = normalise(text, SUNDAY)
    assert span is not None
    assert (span.start, span.end, span.precision, span.value) == (start, end, precision, value)


def test_weekend_on_a_weekday_is_the_one_before():
    span = normalise("over the weekend", date(2020, 2, 19))  # a Wednesday
    assert (span.start, span.end) == (date(2020, 2, 15), date(2020, 2, 16))


def test_future_sentence_takes_the_next_month():
    assert normalise("in March", SUNDAY, future=True).value == "2020-03"
    assert normalise("in March", SUNDAY).value == "2019-03"


def test_no_expression_and_empty_text():
    assert normalise("", SUNDAY) is None
    assert normalise("The group said it would respond.", SUNDAY) is None
    assert normalise("they may strike", SUNDAY) is None  # the modal is not the month


def _result(text: str, published: datetime | None, header: date | None = None) -> DocResult:
    art = Article(doc_id="t", paragraphs=[text], published=published, language="en")
    art.build_text()
    doc = Document("t", "t", text, "text", "h", header_date=header)
    res = DocResult(document=doc, article=art)
    res.sentences = [Sentence(0, 0, len(text), text)]
    return res


def test_stage_sorts_by_start_and_uses_header_date():
    text = "Talks resumed yesterday after a pause that began in 2015. A truce held on January 9."
    res = _result(text, None, header=date(2021, 3, 4))
    TimesStage()([res])
    values = [t.span.value for t in res.times]
    assert values == ["2015", "2021-01-09", "2021-03-03"]
    assert res.times[1].text == "January 9"


def test_spacy_date_adds_a_bare_year_the_grammar_misses():
    text = "The 2019 vote was disputed."
    res = _result(text, datetime(2020, 5, 1))
    assert find_times(res, date(2020, 5, 1)) == []  # a bare number is not a year by itself
    res.mentions.append(Mention(4, 8, "2019", "DATE", 0))
    times = find_times(res, date(2020, 5, 1))
    assert [(t.start, t.end, t.span.value) for t in times] == [(4, 8, "2019")]


def test_stage_without_any_date_keeps_only_absolute_expressions():
    res = _result("It happened last week, after the vote of March 3, 2019 and the one in 2015.", None)
    TimesStage()([res])
    assert [t.span.value for t in res.times] == ["2015", "2019-03-03"]
    assert res.skips == []




@pytest.fixture(scope="module")
def seed_result():
    """The seed's body lines and caption, run through spaCy and the times stage."""
    return seed_gold_result(["nlp", "times"])


def test_seed_event_dates_inside_gold_intervals(seed_result):
    gold = {
        "March of last year": (date(2019, 3, 1), date(2019, 3, 31)),
        "January 3": (date(2020, 1, 3), date(2020, 1, 3)),
        "the weekend": (date(2020, 2, 13), date(2020, 2, 16)),
        "January 8": (date(2020, 1, 8), date(2020, 1, 8)),
        "December": (date(2019, 12, 1), date(2019, 12, 31)),
        "2018": (date(2018, 1, 1), date(2018, 12, 31)),
        "the last 48 hours": (date(2020, 2, 14), date(2020, 2, 16)),
        "December 30, 2019": (date(2019, 12, 27), date(2019, 12, 30)),
    }
    by_text = {}
    for t in seed_result.times:
        by_text.setdefault(t.text, t.span)
    for text, (lo, hi) in gold.items():
        span = by_text.get(text)
        assert span is not None, f"{text!r} not found"
        assert lo <= span.start and span.end <= hi, (text, span)


FRIDAY = date(2013, 3, 22)


@pytest.mark.parametrize("text, value, kind", [
    ("last summer", "2012-SU", "DATE"),
    ("in the winter", "2012-WI", "DATE"),
    ("the third quarter of 2012", "2012-Q3", "DATE"),
    ("last quarter", "2012-Q4", "DATE"),
    ("this fiscal year", "2013", "DATE"),
    ("now", "PRESENT_REF", "DATE"),
    ("currently", "PRESENT_REF", "DATE"),
    ("recently", "PAST_REF", "DATE"),
    ("several days", "PXD", "DURATION"),
    ("a decade", "P10Y", "DURATION"),
    ("a fortnight", "P2W", "DURATION"),
    ("the next few months", "PXM", "DURATION"),
    ("Friday", "2013-03-22", "DATE"),  # the document's own weekday is that day
    ("Sunday night", "2013-03-17TNI", "TIME"),
    ("at 8 p.m.", "2013-03-22T20:00", "TIME"),
    ("late last July", "2012-07", "DATE"),
    ("early 2019", "2019", "DATE"),
    # quantities: words, compounds, fractions
    ("twenty-five years", "P25Y", "DURATION"),
    ("two and a half years", "P2.5Y", "DURATION"),
    ("2 1/2 years", "P2.5Y", "DURATION"),
    ("1.5 hours", "PT1.5H", "DURATION"),
    ("a year and a half", "P1.5Y", "DURATION"),
    ("half an hour", "PT30M", "DURATION"),
    ("a half-hour", "PT30M", "DURATION"),
    ("a dozen years", "P12Y", "DURATION"),
    ("it has been 1,000 days", "P1000D", "DURATION"),
    # vague counts: HeidelTime's PAST_REF / FUTURE_REF, plural units without a count are X
    ("several years ago", "PAST_REF", "DATE"),
    ("years ago", "PAST_REF", "DATE"),
    ("in the coming weeks", "FUTURE_REF", "DATE"),
    ("the past weeks", "PXW", "DURATION"),
    ("a few days later", "FUTURE_REF", "DATE"),
    # read from the reference time (the document date when nothing came before)
    ("a year earlier", "2012", "DATE"),
    ("two days later", "2013-03-24", "DATE"),
    ("the next day", "2013-03-23", "DATE"),
    ("the previous week", "2013-W11", "DATE"),
    ("the same day", "2013-03-22", "DATE"),
    ("he had left the day before.", "2013-03-21", "DATE"),
    ("by the end of the year", "2013", "DATE"),
    ("earlier in the month", "2013-03", "DATE"),
    # a duration, not a date
    ("over the next week", "P1W", "DURATION"),
    ("a month earlier than usual", "P1M", "DURATION"),
    # seasons, weekdays and days with their modifiers and parts
    ("in the summer of 2011", "2011-SU", "DATE"),
    ("late Thursday", "2013-03-21", "DATE"),
    ("yesterday morning", "2013-03-21TMO", "TIME"),
    ("tomorrow afternoon", "2013-03-23TAF", "TIME"),
    ("on the weekend", "2013-W11-WE", "DATE"),
    ("this past weekend", "2013-W11-WE", "DATE"),
    ("this decade", "201", "DATE"),
    ("this century", "20", "DATE"),
    # unquantified stretches where the context makes them temporal
    ("within hours", "PTXH", "DURATION"),
    ("for the first time in years", "PXY", "DURATION"),
    ("over the years", "PXY", "DURATION"),
    ("in the near future", "FUTURE_REF", "DATE"),
    # SETs
    ("every two years", "P2Y", "SET"),
    ("every other week", "P2W", "SET"),
    ("every September", "XXXX-09", "SET"),
    ("each summer", "XXXX-SU", "SET"),
    # clock times: 24-hour with a zone, the day of a date next to it
    ("at 14:30 GMT", "2013-03-22T14:30", "TIME"),
    ("at 0930 GMT", "2013-03-22T09:30", "TIME"),
    ("at 9:30 a.m. ET", "2013-03-22T09:30", "TIME"),
    # holidays: the latest one, or the given year's
    ("Christmas", "2012-12-25", "DATE"),
    ("Easter", "2012-04-08", "DATE"),
    ("Easter 2013", "2013-03-31", "DATE"),
    ("Thanksgiving", "2012-11-22", "DATE"),
    ("St. Patrick's Day", "2013-03-17", "DATE"),
    ("New Year's Eve", "2012-12-31", "DATE"),
    # part-of modifiers stay inside the expression; halves of a year are H1/H2
    ("the first half of 2012", "2012-H1", "DATE"),
    ("The end of 2012 saw", "2012", "DATE"),
    ("at the end of March", "2013-03", "DATE"),
    # decades written other ways
    ("in the 90s", "199", "DATE"),
    ("the mid-90s", "199", "DATE"),
    ("the nineties", "199", "DATE"),
    ("the 1990's", "199", "DATE"),
    ("after months of talks", "PXM", "DURATION"),
    ("right now", "PRESENT_REF", "DATE"),
    # "the last/past <unit>" without a count: the calendar unit before, as HeidelTime and the
    # TE3-platinum annotators write it; with a count it is a duration
    ("in the last week", "2013-W11", "DATE"),
    ("the past year", "2012", "DATE"),
    ("the past two years", "P2Y", "DURATION"),
    ("the past decade", "P10Y", "DURATION"),
])
def test_timeml_values(text, value, kind):
    found = scan(text, FRIDAY)
    assert len(found) == 1, found
    assert (found[0][2].span.value, found[0][2].kind) == (value, kind)


def test_year_range_gives_two_years_and_signals_stay_outside():
    text = "the outbreak of 2009-2010 ended before 2011"
    found = [(text[s:e], p.span.value) for s, e, p in scan(text, FRIDAY)]
    assert found == [("2009", "2009"), ("2010", "2010"), ("2011", "2011")]


def test_a_short_year_range_gives_both_years():
    text = "in the 2011-12 season"
    assert [(text[s:e], p.span.value) for s, e, p in scan(text, FRIDAY)] == [("2011", "2011"), ("12", "2012")]


@pytest.mark.parametrize("text", ["700 seats a week", "four flights a week", "$5 billion a year",
                                  "grew 5% a year", "20 percent a year"])
def test_a_rate_is_no_temporal_expression(text):
    # TimeBank leaves "a week" in "four flights a week" untagged
    assert scan(text, FRIDAY) == []


def test_a_duration_after_a_count_of_something_else_stays():
    assert [p.span.value for *_, p in scan("he served two terms, and a year later left", FRIDAY)] == ["2014"]
    assert [p.span.value for *_, p in scan("twice a week", FRIDAY)] == ["P1W"]
    assert [p.span.value for *_, p in scan("prices rose 5 percent in a year", FRIDAY)] == ["P1Y"]


def test_every_rule_ends_at_a_word_end():
    # "each dec" is not December: every alternative of a rule must end at a word boundary
    assert scan("one kidney from each deceased donor", FRIDAY) == []


def test_a_decade_word_needs_the_article():
    assert scan("she is in her sixties", FRIDAY) == []  # an age, not the 1960s


def test_an_age_is_not_a_duration():
    assert scan("his 22-year-old son", FRIDAY) == []
    assert scan("she was 40 years old", FRIDAY) == []


def test_vague_units_need_temporal_context():
    assert [p.span.value for *_, p in scan("it lasted for years", FRIDAY)] == ["PXY"]
    assert scan("the years of his life", FRIDAY) == []


def test_te3_scorer_on_a_handmade_timeml_file(tmp_path):
    from eventwire.bench.time import Timex, load_docs, parse_tml, score

    tml = tmp_path / "x.tml"
    tml.write_text('<TimeML><DCT><TIMEX3 functionInDocument="CREATION_TIME" type="DATE" '
                   'value="2013-03-22">March 22</TIMEX3></DCT><TEXT>Rain &amp; wind hit on '
                   '<TIMEX3 tid="t1" type="DATE" value="2013-03-18">Monday</TIMEX3> for '
                   '<TIMEX3 tid="t2" type="DURATION" value="P2D">two days</TIMEX3>.</TEXT></TimeML>',
                   encoding="utf-8")
    doc = parse_tml(tml)
    assert [d.name for d in load_docs("dev", tmp_path)] == ["x"]  # --dir: any TimeML folder
    assert doc.dct == date(2013, 3, 22)
    assert [doc.text[g.start:g.end] for g in doc.gold] == ["Monday", "two days"]
    # One exact match, one overlapping match with a wrong value, one spurious expression.
    system = [Timex(doc.gold[0].start, doc.gold[0].end, "DATE", "2013-03-18"),
              Timex(doc.gold[1].start - 4, doc.gold[1].end, "DURATION", "P3D"),
              Timex(0, 4, "DATE", "PRESENT_REF")]
    res = score([doc.gold], [system])
    assert (res["strict_P"], res["strict_R"]) == (1 / 3, 1 / 2)
    assert (res["relaxed_P"], res["relaxed_R"]) == (2 / 3, 1.0)
    assert (res["value_P"], res["value_R"], res["value_acc"]) == (1 / 3, 1 / 2, 1 / 2)


def test_ages_are_not_durations():
    for text in ("a 22-year-old son", "children aged 6 months", "ages 6 months and older"):
        assert all(p.kind != "DURATION" for p in _parsed(text)), text


@pytest.mark.parametrize("text, expected", [
    ("On March 3, 2012 he left. The next day he returned.", [("The next day", "2012-03-04")]),
    ("He left in July 2012. The next day he returned.", [("The next day", "2012-07-XX")]),
    ("He left in 2009. Two years later he returned.", [("Two years later", "2011")]),
    ("The season began in early December and peaked by the end of the year.",
     [("the end of the year", "2012")]),
    ("Sales in the third quarter of 2012 rose from a year earlier.", [("a year earlier", "2011")]),
    ("On March 3, 2012 he left. That night he returned.", [("That night", "2012-03-03TNI")]),
    ("On Tuesday police came. The next morning they left.", [("The next morning", "2013-03-20TMO")]),
])
def test_anaphoric_expressions_follow_the_reference_time(text, expected):
    found = [(text[s:e], p.span.value) for s, e, p in scan(text, FRIDAY)]
    assert [f for f in found if f[0] in dict(expected)] == expected


@pytest.mark.parametrize("text, clock, value", [
    ("Friday at 1 p.m.", "1 p.m.", "2013-03-22T13:00"),
    ("1 p.m. Thursday", "1 p.m.", "2013-03-21T13:00"),
    ("On Tuesday he left. At 8 p.m. police came.", "8 p.m.", "2013-03-19T20:00"),
    ("In 2012 he left at 8 p.m.", "8 p.m.", "2013-03-22T20:00"),  # a year is no day
])
def test_a_clock_time_takes_the_day_it_is_said_of(text, clock, value):
    found = {text[s:e]: p.span.value for s, e, p in scan(text, FRIDAY)}
    assert found[clock] == value


@pytest.mark.parametrize("text, value", [
    ("in April", "2013-04"), ("in January", "2013-01"), ("in December", "2012-12")])
def test_a_month_in_a_present_tense_sentence_is_the_nearest_one(text, value):
    assert normalise(text, FRIDAY, future=None).value == value


def test_every_rule_reads_a_present_tense_sentence():
    """future=None (present tense) must be a valid answer for every rule."""
    text = ("the first quarter, March 3, on Tuesday, in the summer, Christmas, next week, "
            "the end of the year, in April, two years ago, 8 p.m., the weekend")
    assert len(scan(text, FRIDAY, lambda _pos: None)) == 11


@pytest.mark.parametrize("text, value", [
    ("The new law takes effect in April.", "2013-04"),
    ("The new law took effect in April.", "2012-04"),
    ("The new law will take effect in January.", "2014-01"),
])
def test_the_sentence_tense_decides_a_bare_month(text, value):
    from eventwire.nlp import NlpStage

    res = _result(text, datetime(2013, 3, 22))
    res.sentences = []
    NlpStage()([res])
    assert [t.span.value for t in find_times(res, FRIDAY)] == [value]


def test_a_holiday_in_a_sentence_about_the_future_is_the_next_one():
    assert normalise("at Christmas", FRIDAY, future=True).value == "2013-12-25"


def test_key_windows_find_what_a_full_scan_finds(monkeypatch):
    """Rules run only around their key words: the result must equal a scan of all the text."""
    from eventwire.resolve.times import grammar

    text = ("On Friday, March 22, 2013 at 10:30 a.m. the council met for two and a half hours, "
            "three years after the 2010 vote; sales rose 5% from a year earlier. In the late 1990s "
            "it met every Monday, twice a week, until 3/22/2013. It ran 3:07:35 now and then, "
            "in the coming weeks and over the next few months; the day before. ") * 3
    windowed = [(s, e, p.span.value) for s, e, p in scan(text, FRIDAY)]
    monkeypatch.setattr(grammar, "_key_windows",
                        lambda t: {k: [(0, len(t))] for k in set(grammar._RULE_KEYS.values())})
    assert windowed == [(s, e, p.span.value) for s, e, p in scan(text, FRIDAY)]
    assert len(windowed) > 20


def _parsed(text):
    return [parsed for _, _, parsed in scan(text, SUNDAY)]
