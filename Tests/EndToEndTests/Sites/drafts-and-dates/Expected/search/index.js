window.sitegenSearchIndex={"articles":[],
"terms":[
]};
