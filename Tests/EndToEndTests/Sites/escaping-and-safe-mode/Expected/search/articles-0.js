window.sitegenSearchIndex.articles=window.sitegenSearchIndex.articles.concat([
{"url":"/articles/inject/","title":"\u003cscript\u003ealert('t')\u003c/script\u003e \u0026 \"title\"","summary":"\" onmouseover=\"alert(1)","date":"1 March 2025","headings":["heading with raw HTML"],"terms":[],"words":"heading with raw html inline js link img and fine"}
]);
