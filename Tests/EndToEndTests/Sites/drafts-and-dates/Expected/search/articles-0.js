window.sitegenSearchIndex.articles=window.sitegenSearchIndex.articles.concat([
{"url":"/articles/published/","title":"published","summary":"The published one.","date":"1 June 2025","headings":[],"terms":[],"words":"body of published"}
]);
