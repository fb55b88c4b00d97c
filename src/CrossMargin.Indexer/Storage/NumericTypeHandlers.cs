using System.Data;
using System.Globalization;
using System.Numerics;
using CrossMargin.Ethereum.Primitives;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace CrossMargin.Indexer.Storage;

/// <summary>
/// 256-bit values go to the database exactly: decimal TEXT in SQLite, NUMERIC(78,0) in PostgreSQL (sent as a
/// BigInteger). Reads always select <c>CAST(col AS TEXT)</c>, which both dialects render as the plain decimal.
/// Addresses and hashes are stored as their 0x text (EIP-55 for addresses).
/// </summary>
internal static class NumericTypeHandlers
{
    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1)
            return;
        SqlMapper.AddTypeHandler(new UInt256Handler());
        SqlMapper.AddTypeHandler(new Int256Handler());
        SqlMapper.AddTypeHandler(new AddressHandler());
        SqlMapper.AddTypeHandler(new Hash32Handler());
    }

    private static void SetNumeric(IDbDataParameter parameter, BigInteger value, string text)
    {
        if (parameter is NpgsqlParameter np)
        {
            np.NpgsqlDbType = NpgsqlDbType.Numeric;
            np.Value = value;
        }
        else
        {
            parameter.DbType = DbType.String;
            parameter.Value = text;
        }
    }

    private static string Text(object value) => Convert.ToString(value, CultureInfo.InvariantCulture)!;

    private sealed class UInt256Handler : SqlMapper.TypeHandler<UInt256>
    {
        public override void SetValue(IDbDataParameter parameter, UInt256 value) => SetNumeric(parameter, value, value.ToString());

        public override UInt256 Parse(object value) => UInt256.Parse(Text(value));
    }

    private sealed class Int256Handler : SqlMapper.TypeHandler<Int256>
    {
        public override void SetValue(IDbDataParameter parameter, Int256 value) => SetNumeric(parameter, value, value.ToString());

        public override Int256 Parse(object value) => Int256.Parse(Text(value));
    }

    private sealed class AddressHandler : SqlMapper.TypeHandler<Address>
    {
        public override void SetValue(IDbDataParameter parameter, Address value)
        {
            parameter.DbType = DbType.String;
            parameter.Value = value.ToString();
        }

        public override Address Parse(object value) => Address.Parse(Text(value));
    }

    private sealed class Hash32Handler : SqlMapper.TypeHandler<Hash32>
    {
        public override void SetValue(IDbDataParameter parameter, Hash32 value)
        {
            parameter.DbType = DbType.String;
            parameter.Value = value.ToString();
        }

        public override Hash32 Parse(object value) => Hash32.Parse(Text(value));
    }
}
