window.sitegenSearchIndex={"articles":[],
"terms":[
{"url":"/glossary/alpha/","name":"alpha","aliases":["shared"],"summary":"First."},
{"url":"/glossary/beta/","name":"beta","aliases":["Shared","alpha"],"summary":"Second."}]};
