// Grade one page with the MDN HTTP Observatory's own retriever, tests and grader.
//
// The package's CLI (`mdn-http-observatory-scan HOST`) only scans ports 80/443 at "/": its scan()
// drops the options its retriever understands. This script is that scan() with the options passed
// on, so a local origin on any port and any path can be graded. Usage:
//   NODE_EXTRA_CA_CERTS=ca.pem node bench/observatory.mjs HOST HTTP_PORT HTTPS_PORT PATH
import path from "node:path";
import { pathToFileURL } from "node:url";

const root = path.resolve("node_modules/@mdn/mdn-http-observatory/src");
const load = (file) => import(pathToFileURL(path.join(root, file)).href);
const { retrieve } = await load("retriever/retriever.js");
const { ALL_TESTS, ALGORITHM_VERSION, NUM_TESTS } = await load("constants.js");
const { getGradeForScore, getScoreModifier } = await load("grader/grader.js");
const { MINIMUM_SCORE_FOR_EXTRA_CREDIT } = await load("grader/charts.js");

const [hostname, httpPort, httpsPort, pagePath] = process.argv.slice(2);
const retrieved = await retrieve(hostname, { httpPort, httpsPort, path: pagePath });
if (!retrieved.responses.auto) {
  console.log(JSON.stringify({ error: "The site seems to be down." }));
  process.exit(1);
}

let withExtraCredit = 100;
let uncurved = 100;
let passed = 0;
const tests = {};
for (const test of ALL_TESTS) {
  const result = test(retrieved);
  const modifier = getScoreModifier(result.result);
  withExtraCredit += modifier;
  if (modifier < 0) uncurved += modifier;
  if (result.pass) passed += 1;
  tests[result.constructor.name.replace(/Output$/, "")] = {
    pass: result.pass,
    result: result.result,
    scoreModifier: modifier,
  };
}
const score = uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? withExtraCredit : uncurved;
const { grade, score: finalScore } = getGradeForScore(score);
console.log(
  JSON.stringify({
    scan: {
      algorithmVersion: ALGORITHM_VERSION,
      grade,
      score: finalScore,
      statusCode: retrieved.responses.auto.status,
      verifiedTls: retrieved.responses.auto.verified,
      testsPassed: passed,
      testsQuantity: NUM_TESTS,
    },
    tests,
  })
);
