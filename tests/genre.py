"""Small texts of the genre (a news agency relaying a presidency's account, then a joint
statement), written for the tests; they are not the primary source."""

COMPOSITE = """\
Today, on 3 May 2023, President of Uzbekistan Shavkat Mirziyoyev and President of Kazakhstan \
Kassym-Jomart Tokayev held talks in Tashkent.

Talks in narrow format

The leaders discussed the Kazakh-Uzbek strategic partnership and trade, which grew by 20%.

Documents signed

– Agreement on the demarcation of the Kazakh-Turkmen state border;

Press briefing

The President of Kazakhstan said that Kazakhstan and Turkmenistan are good neighbours.

Joint Statement of the Presidents of Turkmenistan and Kazakhstan

The President of the Republic of Kazakhstan Kassym-Zhomart Tokayev made a visit to \
Turkmenistan at the invitation of the President of Turkmenistan.

The heads of state praised the Turkmen-Kazakh railway and the Caspian ports.

President of Turkmenistan Serdar Berdimuhamedov

President of the Republic of Kazakhstan Kassym-Zhomart Tokayev

Ashgabat, 4 May 2023

Other events

President Tokayev laid a wreath.

/// nCa, 5 May 2023
"""
