window.sitegenSearchIndex.articles=window.sitegenSearchIndex.articles.concat([
{"url":"/articles/first/","title":"The first article","summary":"What a page looks like.","date":"2 January 2025","headings":["Background","Detail","Background"],"terms":[],"words":"opening paragraph with emphasis and “quotes” – smart background table detail see the second one footnote same heading text again gets its own id note"},
{"url":"/articles/second/","title":"Second","summary":"Another page.","date":"1 January 2025","headings":["Part two"],"terms":[],"words":"part two done not struck and https autolinked example"}
]);
