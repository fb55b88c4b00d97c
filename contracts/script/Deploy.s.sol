// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {MarginEngine} from "../MarginEngine.sol";
import {LiquidityVault} from "../LiquidityVault.sol";
import {MockERC20} from "../mocks/MockERC20.sol";
import {MockAggregator} from "../mocks/MockAggregator.sol";
import {CollateralParams, MarketParams} from "../interfaces/IMarginEngine.sol";

interface ScriptVm {
    function envOr(string calldata name, uint256 defaultValue) external view returns (uint256);
    function envOr(string calldata name, string calldata defaultValue) external view returns (string memory);
    function startBroadcast(uint256 privateKey) external;
    function stopBroadcast() external;
    function addr(uint256 privateKey) external pure returns (address);
    function writeFile(string calldata path, string calldata data) external;
    function toString(address value) external pure returns (string memory);
}

/// @notice Deploys and configures the devnet: USDC/WETH/WBTC tokens, ETH/BTC/SOL feeds, the engine with three
/// markets and two linked collaterals, correlations, a seeded vault and insurance fund. Writes the addresses as
/// JSON to $DEPLOYMENT_FILE (default cache/deployment.json; forge only writes inside the project).
contract Deploy {
    ScriptVm private constant vm = ScriptVm(address(uint160(uint256(keccak256("hevm cheat code")))));
    /// @dev Anvil's first default key; override with DEPLOYER_KEY.
    uint256 private constant ANVIL_KEY_0 = 0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80;

    function run() external {
        uint256 key = vm.envOr("DEPLOYER_KEY", ANVIL_KEY_0);
        address deployer = vm.addr(key);
        vm.startBroadcast(key);

        MockERC20 usdc = new MockERC20("USD Coin", "USDC", 6);
        MockERC20 weth = new MockERC20("Wrapped Ether", "WETH", 18);
        MockERC20 wbtc = new MockERC20("Wrapped Bitcoin", "WBTC", 8);
        MockAggregator ethFeed = new MockAggregator(8, "ETH / USD", 2_000e8);
        MockAggregator btcFeed = new MockAggregator(8, "BTC / USD", 60_000e8);
        MockAggregator solFeed = new MockAggregator(8, "SOL / USD", 150e8);

        MarginEngine engine = new MarginEngine(address(usdc), deployer);
        LiquidityVault vault = new LiquidityVault(IERC20(address(usdc)), engine);
        engine.setVault(address(vault));
        engine.listMarket(_market(ethFeed, 0.1e18, 0.05e18, 0.1e18, 100_000e18));
        engine.listMarket(_market(btcFeed, 0.1e18, 0.05e18, 0.1e18, 5_000e18));
        engine.listMarket(_market(solFeed, 0.2e18, 0.1e18, 0.2e18, 2_000_000e18));
        engine.listCollateral(address(weth), _collateral(ethFeed, 0.1e18, 0.15e18, 1));
        engine.listCollateral(address(wbtc), _collateral(btcFeed, 0.1e18, 0.15e18, 2));
        engine.setCorrelation(1, 2, 0.8e18);
        engine.setCorrelation(1, 3, 0.6e18);
        engine.setCorrelation(2, 3, 0.5e18);

        usdc.mint(deployer, 110_000_000e6);
        usdc.approve(address(vault), type(uint256).max);
        vault.deposit(100_000_000e6, deployer);
        usdc.approve(address(engine), type(uint256).max);
        engine.fundInsurance(10_000_000e6);
        vm.stopBroadcast();

        string memory json = string.concat(
            '{"engine":"', vm.toString(address(engine)),
            '","vault":"', vm.toString(address(vault)),
            '","usdc":"', vm.toString(address(usdc)),
            '","weth":"', vm.toString(address(weth)),
            '","wbtc":"', vm.toString(address(wbtc)),
            '","ethFeed":"', vm.toString(address(ethFeed)),
            '","btcFeed":"', vm.toString(address(btcFeed)),
            '","solFeed":"', vm.toString(address(solFeed)),
            '"}'
        );
        vm.writeFile(vm.envOr("DEPLOYMENT_FILE", string("cache/deployment.json")), json);
    }

    function _market(MockAggregator feed, uint64 imf, uint64 mmf, uint64 sigma, uint128 maxOi)
        private
        pure
        returns (MarketParams memory)
    {
        return MarketParams({
            aggregator: address(feed),
            heartbeat: 1 days,
            imf: imf,
            mmf: mmf,
            sigma: sigma,
            liquidationFee: mmf / 5,
            takerFee: 0.0005e18,
            maxOpenInterest: maxOi
        });
    }

    function _collateral(MockAggregator feed, uint64 hm, uint64 hi, uint8 market)
        private
        pure
        returns (CollateralParams memory)
    {
        return CollateralParams({
            aggregator: address(feed),
            heartbeat: 1 days,
            hm: hm,
            hi: hi,
            bonus: 0.05e18,
            linkedMarket: market,
            cap: type(uint128).max
        });
    }
}
