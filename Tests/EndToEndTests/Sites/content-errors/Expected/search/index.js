window.sitegenSearchIndex={"articles":[
{"url":"/articles/same/","title":"One","summary":"S","date":"1 January 2025","headings":[],"terms":[],"words":"text"}],
"terms":[
{"url":"/glossary/alpha/","name":"alpha","aliases":["shared"],"summary":"First."},
{"url":"/glossary/beta/","name":"beta","aliases":["Shared","alpha"],"summary":"Second."}]};
