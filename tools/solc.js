// Entry point used by tools/solc: `--version` or `--standard-json` (input on stdin), result into argv[2].
'use strict';
const fs = require('fs');
const path = require('path');
const solc = require(path.join(__dirname, '..', 'node_modules', 'solc'));

const [outFile, ...args] = process.argv.slice(2);
if (args.includes('--version')) {
  fs.writeFileSync(outFile, `solc, the solidity compiler commandline interface\nVersion: ${solc.version()}\n`);
} else if (args.includes('--standard-json')) {
  const input = fs.readFileSync(0, 'utf8');
  const findImports = (p) => {
    for (const base of [process.cwd(), path.join(process.cwd(), 'node_modules')]) {
      const full = path.resolve(base, p);
      if (fs.existsSync(full)) return { contents: fs.readFileSync(full, 'utf8') };
    }
    return { error: `File not found: ${p}` };
  };
  fs.writeFileSync(outFile, solc.compile(input, { import: findImports }));
} else {
  process.stderr.write(`tools/solc: unsupported arguments: ${args.join(' ')}\n`);
  process.exit(2);
}
