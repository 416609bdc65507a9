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

# Texts that commit their authors, of three genres, and a news narrative that commits nobody
# (the commitment parser's tests, analysis.text.commitments).
COMMUNIQUE = """\
Joint Communiqué on the official visit of the Prime Minister of Georgia to Armenia

The Sides reviewed the state of bilateral relations. The Sides shall establish a joint working \
group on energy by the end of 2024. They will also hold the next session of the \
Intergovernmental Commission in Tbilisi in 2025.

The ministries of transport were instructed to prepare a roadmap for the Lars crossing no later \
than 1 March 2025.
"""

DECLARATION = """\
Declaration of the Summit of the Danube States

Member States support the initiative of Romania to convene a regional water forum. Member States \
agreed to raise joint investment in river ports to EUR 2 billion by 2030. The Chair noted the \
progress made since the previous summit.
"""

PRESS_RELEASE = """\
Press release of the Ministry of Trade

Astana, 3 May 2024. The Ministry will open a trade house in Tashkent in the second half of \
2024. It will also launch an export portal next year, the minister said. A memorandum with the \
Uzbek side was signed at the ceremony.
"""

NEWS_NARRATIVE = """\
Flooding in the south

Heavy rain fell on the region on Tuesday. Rescue teams arrived in the morning and evacuated 200 \
residents with the support of volunteers, the regional governor told reporters. Schools stayed \
closed, and the main road to the port was cut for six hours.
"""
