// H5 only (issue 13): the first screen's cloud calls leave with the page's code, not after it has run.
//
// On a first load the calls a tab page needs (who the caller is, then the page's own data) could only start once the
// entry and the page's chunks had downloaded and run: on a phone network the data then came one whole round trip
// (plus the server's time) after the code, and the page's content — its largest paint — waited for it. index.html
// now starts those same calls from a few lines of inline script, while the code downloads; the app's call()
// (src/services/api-client.ts) takes the answer of an identical call (same function, action and input) instead of
// asking again. Nothing else changes: the same requests, with the same session cookie, answered by the same checks
// in the cloud; what the page shows is still decided by whoami's answer (MemberGate).
// - whoami for every route, as src/app.ts asks at boot on H5.
// - a page's data only when this device's last whoami said a bound member (`session-was-member`, the hint
//   src/stores/session.store.ts keeps: a returning member's phone), as the member screens do with likelyMember.
// - an answer that is in when a screen first reads its data is drawn in that first render (src/remote/cache.ts), so
//   the page shows its content at once instead of a skeleton followed by the content (which also moved what was
//   below it: 学习's filters when the 必读 card came in).
// - an answer is taken once, by the first identical call or read, within EARLY_MAX_AGE_MS of the page's load, and never after
//   the session was reset or whoami said not a member (api-client's dropEarlyCalls): a later call asks the cloud anew.
// The inputs below must be what the page's hooks send (the first page of a paged list carries `page: 1`); one that
// drifts costs a wasted request, never a wrong answer (nothing matches it). __tests__/components/early-calls.test.tsx
// renders each page and checks its first calls are these.

/** The global the inline script fills and api-client.ts reads. */
const GLOBAL = '__earlyCalls'

/** The whoami hint (Taro's H5 storage keeps `{"data":1}` under the key). */
const HINT_KEY = 'session-was-member'

/** Route → [function, action, input] of the member data its page asks for on mount. */
const EARLY_CALLS = {
  'pages/home/index': [
    ['study', 'unreadRequired', {}],
    ['member', 'today', {}],
  ],
  'pages/study/index': [['study', 'feed', { page: 1 }]],
  'pages/activity/index': [
    ['activity', 'list', { filter: 'all', page: 1 }],
    ['activity', 'myHours', {}],
  ],
}

/** The inline script: reads the route from the hash (`#/pages/study/index?x=1`; none → `home`), starts the calls. */
function earlyCallsScript(home, calls = EARLY_CALLS) {
  return (
    '<script>!function(m){var w=window,q=w.' +
    GLOBAL +
    '=[],r=location.hash.replace(/^#\\/?/,"").split("?")[0]||' +
    JSON.stringify(home) +
    ';function go(f,a,i){var e={fn:f,action:a,input:i,at:Date.now()};q.push(e);e.p=fetch("/cloud/functions/"+f,' +
    '{method:"POST",credentials:"include",headers:{"content-type":"application/json"},' +
    'body:JSON.stringify({action:a,input:i})}).then(function(x){return x.json()}).catch(function(){return null})' +
    '.then(function(v){e.settled=!0;e.value=v;return v})}' +
    'try{go("member","whoami",{});var h=JSON.parse(localStorage.getItem(' +
    JSON.stringify(HINT_KEY) +
    ')||"null");if(h&&h.data===1)(m[r]||[]).forEach(function(c){go(c[0],c[1],c[2])})}catch(e){}}(' +
    JSON.stringify(calls) +
    ')</script>'
  )
}

module.exports = { EARLY_CALLS, GLOBAL, HINT_KEY, earlyCallsScript }
