using System.Numerics;
using CrossMargin.Ethereum.Abi;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Indexer.Api;
using CrossMargin.Indexer.Storage;
using Dapper;

namespace CrossMargin.Indexer.Tests.Fixtures;

/// <summary>
/// Asserts the index equals the chain at its head: every account's owner, mode, quote and collateral balances and
/// positions (engine view functions), its health by the risk engine from indexed rows (= MarginEngine.healthBatch by
/// eth_call), and the insurance fund.
/// </summary>
internal static class ChainComparison
{
    private const string SelectAccounts = "SELECT id, owner, mode FROM accounts ORDER BY id";
    private const string SelectBalances = "SELECT account, asset, CAST(balance AS TEXT) AS balance FROM balances";
    private const string SelectPositions = "SELECT account, market, CAST(size AS TEXT) AS size, CAST(open_notional AS TEXT) AS open_notional FROM positions";
    private const string SelectInsurance = "SELECT value FROM globals WHERE name = 'insurance_fund'";

    public static async Task AssertMatchesChainAsync(IndexerDatabase db, DevnetOwner devnet, CancellationToken ct)
    {
        var e = Artifacts.Engine;
        var rpc = devnet.Rpc;
        var next = (BigInteger)(await CallAsync(rpc, devnet.Engine, e.GetFunction("nextAccountId"), ct))[0];
        var ids = Enumerable.Range(1, (int)next - 1).Select(i => (ulong)i).ToList();

        await using var connection = await db.OpenReadAsync(ct);
        var accounts = (await connection.QueryAsync<(long Id, string Owner, long Mode)>(SelectAccounts)).ToList();
        Assert.Equal(ids.Select(i => (long)i), accounts.Select(a => a.Id));
        var balances = (await connection.QueryAsync<(long Account, string Asset, string Balance)>(SelectBalances)).ToLookup(b => b.Account);
        var positions = (await connection.QueryAsync<(long Account, long Market, string Size, string OpenNotional)>(SelectPositions)).ToLookup(p => p.Account);
        var checkpoint = await ApiContext.CheckpointAsync(connection) ?? throw new InvalidOperationException("nothing indexed");
        var head = await rpc.BlockNumberAsync(ct);
        Assert.Equal((long)head, checkpoint.Block);
        var snapshot = await RiskSnapshot.LoadAsync(connection, checkpoint) ?? throw new InvalidOperationException("no snapshot");

        var healths = (object[])(await CallAsync(rpc, devnet.Engine, e.GetFunction("healthBatch"), ct, (object)ids.Select(i => (object)new BigInteger(i)).ToArray()))[0];
        for (var k = 0; k < ids.Count; k++)
        {
            var id = ids[k];
            var info = await CallAsync(rpc, devnet.Engine, e.GetFunction("accountInfo"), ct, id);
            Assert.Equal(((Address)info[0]).ToString(), accounts[k].Owner);
            Assert.Equal((long)(BigInteger)info[1], accounts[k].Mode);
            var dbBalances = balances[(long)id].ToDictionary(b => b.Asset, b => BigInteger.Parse(b.Balance));
            Assert.Equal((BigInteger)info[2], dbBalances.GetValueOrDefault(devnet.Usdc.ToString()));
            foreach (var asset in new[] { devnet.Weth, devnet.Wbtc })
            {
                var onChain = (BigInteger)(await CallAsync(rpc, devnet.Engine, e.GetFunction("collateralBalanceOf"), ct, id, asset.ToArray()))[0];
                Assert.Equal(onChain, dbBalances.GetValueOrDefault(asset.ToString()));
            }
            var dbPositions = positions[(long)id].ToDictionary(p => p.Market, p => (BigInteger.Parse(p.Size), BigInteger.Parse(p.OpenNotional)));
            for (var m = 1; m <= 3; m++)
            {
                var pos = await CallAsync(rpc, devnet.Engine, e.GetFunction("positionOf"), ct, id, m);
                Assert.Equal(((BigInteger)pos[0], (BigInteger)pos[1]), dbPositions.GetValueOrDefault(m));
            }
            var h = (object[])healths[k];
            var mine = snapshot.Health((long)id, (int)accounts[k].Mode, balances[(long)id].Select(b => (b.Asset, b.Balance)), positions[(long)id].Select(p => (p.Market, p.Size, p.OpenNotional)));
            Assert.NotNull(mine);
            Assert.Equal(((BigInteger)h[0]).ToString(), mine.NlvMaint);
            Assert.Equal(((BigInteger)h[1]).ToString(), mine.NlvInit);
            Assert.Equal(((BigInteger)h[2]).ToString(), mine.Mm);
            Assert.Equal(((BigInteger)h[3]).ToString(), mine.Im);
        }
        var fund = (BigInteger)(await CallAsync(rpc, devnet.Engine, e.GetFunction("insuranceFund"), ct))[0];
        Assert.Equal(fund.ToString(), await connection.ExecuteScalarAsync<string>(SelectInsurance));
    }

    private static async Task<object[]> CallAsync(IJsonRpcClient rpc, Address to, FunctionDescriptor f, CancellationToken ct, params object[] args) =>
        f.DecodeOutput(await rpc.CallAsync(new CallRequest { To = to, Data = f.EncodeCall(args) }, BlockParameter.Latest, ct));
}
