namespace CrossMargin.Ethereum.Tests.Abi;

/// <summary>Small forge-format ABI used by descriptor tests (the generator tests have their own fixtures).</summary>
internal static class TestAbis
{
    public const string Engine = """
    {
      "contractName": "Engine",
      "bytecode": "0x6080",
      "abi": [
        { "type": "constructor", "inputs": [ { "name": "token", "type": "address", "internalType": "address" } ], "stateMutability": "nonpayable" },
        { "type": "function", "name": "withdraw", "inputs": [ { "name": "accountId", "type": "uint256" }, { "name": "amount", "type": "uint256" } ], "outputs": [], "stateMutability": "nonpayable" },
        { "type": "function", "name": "withdraw", "inputs": [ { "name": "accountId", "type": "uint256" }, { "name": "amount", "type": "uint256" }, { "name": "to", "type": "address" } ], "outputs": [], "stateMutability": "nonpayable" },
        { "type": "function", "name": "getPosition", "inputs": [ { "name": "accountId", "type": "uint256" } ],
          "outputs": [ { "name": "", "type": "tuple[]", "internalType": "struct Engine.Position[]", "components": [
            { "name": "marketId", "type": "uint256" }, { "name": "size", "type": "int256" } ] } ], "stateMutability": "view" },
        { "type": "event", "name": "PositionUpdated", "anonymous": false, "inputs": [
            { "name": "accountId", "type": "uint256", "indexed": true }, { "name": "marketId", "type": "uint256", "indexed": true },
            { "name": "sizeDelta", "type": "int256", "indexed": false }, { "name": "price", "type": "uint256", "indexed": false } ] },
        { "type": "event", "name": "MarketListed", "anonymous": false, "inputs": [
            { "name": "symbol", "type": "string", "indexed": true }, { "name": "marketId", "type": "uint256", "indexed": false } ] },
        { "type": "error", "name": "InsufficientMargin", "inputs": [
            { "name": "accountId", "type": "uint256" }, { "name": "equity", "type": "int256" }, { "name": "required", "type": "uint256" } ] },
        { "type": "error", "name": "Unauthorized", "inputs": [ { "name": "caller", "type": "address" } ] },
        { "type": "receive", "stateMutability": "payable" }
      ]
    }
    """;
}
