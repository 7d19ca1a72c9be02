window.sitegenSearchIndex={"articles":[],
"terms":[
{"url":"/glossary/nato/","name":"NATO","aliases":[],"summary":"The North Atlantic Treaty Organization."},
{"url":"/glossary/post-war-defence-commitments/","name":"post-war defence commitments","aliases":["post-war defence commitment","post-war defense commitment"],"summary":"Promises for after a war."},
{"url":"/glossary/red-lines/","name":"red lines","aliases":["red line"],"summary":"Limits a state says it will not accept being crossed."},
{"url":"/glossary/security-guarantees/","name":"security guarantees","aliases":["security guarantee"],"summary":"Promises to defend a state."},
{"url":"/glossary/unused/","name":"unused term","aliases":[],"summary":"No article mentions this."}]};
