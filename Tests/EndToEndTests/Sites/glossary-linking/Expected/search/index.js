window.sitegenSearchIndex={"articles":[
{"url":"/articles/guarantees/","title":"Guarantees","summary":"On security guarantees.","date":"1 February 2025","headings":["Red lines"],"terms":["security guarantees","red lines","NATO","post-war defence commitments"],"words":"security guarantees are promised guarantee is not red line lines russia’s matter nato the alliance’s again post war defense commitment spelled old way here"},
{"url":"/articles/alliance/","title":"The alliance","summary":"On NATO.","date":"15 January 2025","headings":[],"terms":["NATO","red lines"],"words":"nato grew nato’s members speak of red lines and too in code"}],
"terms":[
{"url":"/glossary/nato/","name":"NATO","aliases":[],"summary":"The North Atlantic Treaty Organization."},
{"url":"/glossary/post-war-defence-commitments/","name":"post-war defence commitments","aliases":["post-war defence commitment","post-war defense commitment"],"summary":"Promises for after a war."},
{"url":"/glossary/red-lines/","name":"red lines","aliases":["red line"],"summary":"Limits a state says it will not accept being crossed."},
{"url":"/glossary/security-guarantees/","name":"security guarantees","aliases":["security guarantee"],"summary":"Promises to defend a state."},
{"url":"/glossary/unused/","name":"unused term","aliases":[],"summary":"No article mentions this."}]};
