window.sitegenSearchIndex.articles=window.sitegenSearchIndex.articles.concat([
{"url":"/articles/same/","title":"One","summary":"S","date":"1 January 2025","headings":[],"terms":[],"words":"text"}
]);
