# Writes vader-rsurvey-2019.tsv: the scores vaderSentiment.py (github cjhutto/vaderSentiment, vaderSentiment/ with its
# two lexicon files beside this script) gives the 2019 R Community Survey's likes and dislikes.
#   python3 make-vader-fixture.py ../../../../../shared/datasets/rstudio_r_community_survey/2019_english_responses.tsv
import sys
from vaderSentiment import SentimentIntensityAnalyzer

analyzer = SentimentIntensityAnalyzer()
rows = open(sys.argv[1], encoding='utf-8').read().split('\n')
out = ["# VADER scores of the 2019 R Community Survey's likes (column 23) and dislikes (column 24), by vaderSentiment.py",
       "# (github cjhutto/vaderSentiment at 44fc044, its own lexicons), made by make-vader-fixture.py beside this file.",
       "# line\tcolumn\tneg\tneu\tpos\tcompound"]
for line, row in enumerate(rows[1:], start=2):
    fields = row.split('\t')
    for column in (22, 23):
        if len(fields) > column and fields[column].strip():
            s = analyzer.polarity_scores(fields[column])
            out.append(f"{line}\t{column + 1}\t{s['neg']}\t{s['neu']}\t{s['pos']}\t{s['compound']}")
open('vader-rsurvey-2019.tsv', 'w').write('\n'.join(out) + '\n')
