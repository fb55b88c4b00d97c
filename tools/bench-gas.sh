#!/usr/bin/env bash
# Measures gas of real transactions on a fresh Anvil devnet: receipt gasUsed minus the 21,000 base (calldata gas
# stays in). Scenario as tests/foundry/gas/Gas.t.sol: first deposit, opening trade, and the liquidation of an
# account with 4 positions and 3 collaterals (USDC, WETH, WBTC) after an 18% drop, at the minimal fraction.
# Usage: tools/bench-gas.sh ANVIL_URL   (prints a markdown table). Run it as `./crossmargin bench gas`, which starts a
# fresh Anvil with the one launcher (CrossMargin.Devnet.AnvilNode: pruned history, nothing left on disk) and passes
# its URL; this script starts no node of its own.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BIN="$ROOT/node_modules/@foundry-rs"
CAST="$BIN/cast-linux-amd64/bin/cast"
RPC="${1:?usage: tools/bench-gas.sh ANVIL_URL (a fresh Anvil; ./crossmargin bench gas starts one)}"
DEPLOYMENT_FILE=cache/bench-deployment.json "$BIN/forge-linux-amd64/bin/forge" script contracts/script/Deploy.s.sol \
  --rpc-url "$RPC" --broadcast --quiet >/dev/null
addr() { node -e 'console.log(require(process.argv[1])[process.argv[2]])' "$ROOT/cache/bench-deployment.json" "$1"; }
ENGINE=$(addr engine); USDC=$(addr usdc); WETH=$(addr weth); WBTC=$(addr wbtc)
ETHF=$(addr ethFeed); BTCF=$(addr btcFeed); SOLF=$(addr solFeed)
# Two fresh keys (not the deployer), funded with devnet ether.
TRADER_KEY=0x$(printf 'crossmargin-bench-trader' | sha256sum | cut -c1-64)
KEEPER_KEY=0x$(printf 'crossmargin-bench-keeper' | sha256sum | cut -c1-64)
TRADER=$("$CAST" wallet address --private-key "$TRADER_KEY")
KEEPER=$("$CAST" wallet address --private-key "$KEEPER_KEY")
for who in "$TRADER" "$KEEPER"; do "$CAST" rpc --rpc-url "$RPC" anvil_setBalance "$who" 0x3635C9ADC5DEA00000 >/dev/null; done

send() { local key=$1; shift; "$CAST" send --rpc-url "$RPC" --private-key "$key" --json "$@" | node -e \
  'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const r=JSON.parse(s);if(r.status!=="0x1")process.exit(1);console.log(parseInt(r.gasUsed,16)-21000)})'; }
call_ok() { "$CAST" call --rpc-url "$RPC" --from "$KEEPER" "$@" >/dev/null 2>&1; }

# A fourth market (LINK-PERP, id 4), listed by the deployer (anvil's first key), as in the forge gas test.
OWNER_KEY=0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80
LINKF=$("$CAST" send --rpc-url "$RPC" --private-key $OWNER_KEY --json --create \
  "$(node -e 'console.log(require("./abi/MockAggregator.json").bytecode)')$("$CAST" abi-encode "c(uint8,string,int256)" 8 "LINK / USD" 2000000000 | cut -c3-)" \
  | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).contractAddress))')
send $OWNER_KEY "$ENGINE" "listMarket((address,uint32,uint64,uint64,uint64,uint64,uint64,uint128))" \
  "($LINKF,86400,200000000000000000,100000000000000000,200000000000000000,20000000000000000,500000000000000,1000000000000000000000000)" >/dev/null

for token in "$USDC" "$WETH" "$WBTC"; do
  send $TRADER_KEY "$token" "mint(address,uint256)" $TRADER 1000000000000000000000000 >/dev/null
  send $TRADER_KEY "$token" "approve(address,uint256)" "$ENGINE" "$(${CAST} max-uint)" >/dev/null
done
send $KEEPER_KEY "$USDC" "mint(address,uint256)" $KEEPER 1000000 >/dev/null   # the keeper already holds USDC

send $TRADER_KEY "$ENGINE" "openAccount(uint8)" 1 >/dev/null   # account 1
first_deposit=$(send $TRADER_KEY "$ENGINE" "deposit(uint256,address,uint256)" 1 "$USDC" 10000000000)
opening_trade=$(send $TRADER_KEY "$ENGINE" "trade(uint256,uint256,int256,uint256)" 1 1 10000000000000000000 "$(${CAST} max-uint)")

liquidation() { # mode -> gas of the liquidation at the minimal accepted fraction
  local mode=$1 id
  send $TRADER_KEY "$ENGINE" "openAccount(uint8)" "$mode" >/dev/null
  id=$("$CAST" call --rpc-url "$RPC" "$ENGINE" "nextAccountId()(uint256)"); id=$((id - 1))
  send $TRADER_KEY "$ENGINE" "deposit(uint256,address,uint256)" $id "$WETH" 2000000000000000000 >/dev/null
  send $TRADER_KEY "$ENGINE" "deposit(uint256,address,uint256)" $id "$WBTC" 10000000 >/dev/null
  send $TRADER_KEY "$ENGINE" "deposit(uint256,address,uint256)" $id "$USDC" 3000000000 >/dev/null
  for m in "1 5000000000000000000" "2 300000000000000000" "3 60000000000000000000" "4 500000000000000000000"; do
    send $TRADER_KEY "$ENGINE" "trade(uint256,uint256,int256,uint256)" $id $m "$(${CAST} max-uint)" >/dev/null
  done
  echo $id
}
cross=$(liquidation 1); portfolio=$(liquidation 2)
send $TRADER_KEY "$ETHF" "setPrice(int256)" 164000000000 >/dev/null
send $TRADER_KEY "$BTCF" "setPrice(int256)" 4920000000000 >/dev/null
send $TRADER_KEY "$SOLF" "setPrice(int256)" 12300000000 >/dev/null
send $TRADER_KEY "$LINKF" "setPrice(int256)" 1640000000 >/dev/null

liquidate_minimal() { # binary search of the smallest accepted fraction with eth_call, then the real transaction
  local id=$1 lo=0 hi=1000000000000000000 mid
  while [ "$(node -e "console.log(BigInt($hi)-BigInt($lo) > 1000000000n)")" = true ]; do
    mid=$(node -e "console.log(((BigInt($lo)+BigInt($hi))/2n).toString())")
    if call_ok "$ENGINE" "liquidate(uint256,uint256)" "$id" "$mid"; then hi=$mid; else lo=$mid; fi
  done
  send $KEEPER_KEY "$ENGINE" "liquidate(uint256,uint256)" "$id" "$hi"
}
cross_liq=$(liquidate_minimal "$cross"); portfolio_liq=$(liquidate_minimal "$portfolio")

cat <<TABLE
| transaction (real, on Anvil) | gasUsed − 21,000 | target |
|---|---:|---:|
| first deposit into an account (USDC) | $first_deposit | ≤ 80,000 |
| opening trade (10 ETH-PERP, CROSS) | $opening_trade | ≤ 150,000 |
| liquidation, 4 positions + 3 collaterals, CROSS | $cross_liq | ≤ 250,000 |
| liquidation, 4 positions + 3 collaterals, PORTFOLIO | $portfolio_liq | ≤ 250,000 |
TABLE
