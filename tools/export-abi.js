// Exports each deployable contract's ABI and deploy bytecode from forge's out/ into abi/<Contract>.json.
// `--check` writes nothing and exits 1 when abi/ differs from the build (a stale abi/ fails the tests).
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const deployable = {
  MarginEngine: 'MarginEngine.sol',
  LiquidityVault: 'LiquidityVault.sol',
  MockERC20: 'MockERC20.sol',
  MockAggregator: 'MockAggregator.sol',
};
const check = process.argv.includes('--check');
const stale = [];

for (const [name, file] of Object.entries(deployable)) {
  const artifact = path.join(root, 'out', file, `${name}.json`);
  if (!fs.existsSync(artifact)) {
    console.error(`export-abi: ${artifact} is missing; run forge build first`);
    process.exit(2);
  }
  const built = JSON.parse(fs.readFileSync(artifact, 'utf8'));
  const text = JSON.stringify({ contractName: name, abi: built.abi, bytecode: built.bytecode.object }, null, 2) + '\n';
  const target = path.join(root, 'abi', `${name}.json`);
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : null;
  if (current === text) continue;
  if (check) {
    stale.push(name);
    continue;
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, text);
  console.log(`abi/${name}.json updated`);
}

if (stale.length) {
  console.error(`abi/ is out of date with contracts/ for: ${stale.join(', ')}. Run ./crossmargin abi and commit abi/.`);
  process.exit(1);
}
if (check) console.log('abi/ is current');
