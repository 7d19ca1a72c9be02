window.sitegenSearchIndex.articles=window.sitegenSearchIndex.articles.concat([
{"url":"/articles/guarantees/","title":"Guarantees","summary":"On security guarantees.","date":"1 February 2025","headings":["Red lines"],"terms":["security guarantees","red lines","NATO","post-war defence commitments"],"words":"security guarantees are promised guarantee is not red line lines russia’s matter nato the alliance’s again post war defense commitment spelled old way here"},
{"url":"/articles/alliance/","title":"The alliance","summary":"On NATO.","date":"15 January 2025","headings":[],"terms":["NATO","red lines"],"words":"nato grew nato’s members speak of red lines and too in code"}
]);
