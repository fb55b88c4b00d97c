namespace CrossMargin.Ethereum.Primitives;

/// <summary>Multi-limb (64-bit, little-endian) helpers shared by <see cref="UInt256"/> and <see cref="Int256"/>.</summary>
internal static class LimbMath
{
    public static ulong AddCarry(ulong a, ulong b, ref ulong carry)
    {
        ulong s = a + b;
        ulong c1 = s < a ? 1UL : 0UL;
        ulong s2 = s + carry;
        ulong c2 = s2 < s ? 1UL : 0UL;
        carry = c1 | c2;
        return s2;
    }

    public static ulong SubBorrow(ulong a, ulong b, ref ulong borrow)
    {
        ulong d = a - b;
        ulong b1 = a < b ? 1UL : 0UL;
        ulong d2 = d - borrow;
        ulong b2 = d < borrow ? 1UL : 0UL;
        borrow = b1 | b2;
        return d2;
    }

    /// <summary>Full 256x256 → 512-bit product into <paramref name="r"/> (8 limbs).</summary>
    public static void Multiply(in UInt256 x, in UInt256 y, Span<ulong> r)
    {
        ReadOnlySpan<ulong> a = [x.U0, x.U1, x.U2, x.U3];
        ReadOnlySpan<ulong> b = [y.U0, y.U1, y.U2, y.U3];
        r[..8].Clear();
        for (int i = 0; i < 4; i++)
        {
            if (a[i] == 0) continue;
            ulong carry = 0;
            for (int j = 0; j < 4; j++)
            {
                // a*b + r + carry <= (B-1)^2 + 2(B-1) = B^2 - 1, so hi never overflows.
                ulong hi = Math.BigMul(a[i], b[j], out ulong lo);
                lo += carry;
                hi += lo < carry ? 1UL : 0UL;
                ulong t = r[i + j] + lo;
                hi += t < lo ? 1UL : 0UL;
                r[i + j] = t;
                carry = hi;
            }
            r[i + 4] = carry;
        }
    }

    private static int SignificantLength(ReadOnlySpan<ulong> x)
    {
        int n = x.Length;
        while (n > 0 && x[n - 1] == 0) n--;
        return n;
    }

    /// <summary>
    /// Knuth algorithm D (TAOCP 4.3.1) with 64-bit digits. <paramref name="q"/> must hold u.Length limbs,
    /// <paramref name="r"/> v.Length limbs. The divisor must be non-zero.
    /// </summary>
    public static void DivRem(ReadOnlySpan<ulong> u, ReadOnlySpan<ulong> v, Span<ulong> q, Span<ulong> r)
    {
        int n = SignificantLength(v);
        if (n == 0) throw new DivideByZeroException();
        int ulen = SignificantLength(u);
        q.Clear();
        r.Clear();
        if (ulen < n)
        {
            u[..ulen].CopyTo(r);
            return;
        }

        if (n == 1)
        {
            ulong rem = DivRemSingle(u[..ulen], v[0], q);
            r[0] = rem;
            return;
        }

        int m = ulen - n;
        int s = System.Numerics.BitOperations.LeadingZeroCount(v[n - 1]);
        Span<ulong> vn = stackalloc ulong[n];
        Span<ulong> un = stackalloc ulong[ulen + 1];
        ShiftLeft(v[..n], s, vn);
        un[ulen] = ShiftLeft(u[..ulen], s, un[..ulen]);

        UInt128 b = (UInt128)1 << 64;
        ulong vTop = vn[n - 1], vNext = vn[n - 2];
        for (int j = m; j >= 0; j--)
        {
            UInt128 num = ((UInt128)un[j + n] << 64) | un[j + n - 1];
            UInt128 qhat = num / vTop;
            UInt128 rhat = num - qhat * vTop;
            while (qhat >= b || qhat * vNext > ((rhat << 64) | un[j + n - 2]))
            {
                qhat--;
                rhat += vTop;
                if (rhat >= b) break;
            }

            // Multiply and subtract qhat * vn from un[j .. j+n].
            ulong borrow = 0, carry = 0;
            for (int i = 0; i < n; i++)
            {
                UInt128 p = qhat * vn[i] + carry;
                carry = (ulong)(p >> 64);
                un[i + j] = SubBorrow(un[i + j], (ulong)p, ref borrow);
            }
            un[j + n] = SubBorrow(un[j + n], carry, ref borrow);

            if (borrow != 0)
            {
                // qhat was one too large (probability ~2/2^64): add the divisor back.
                qhat--;
                ulong c = 0;
                for (int i = 0; i < n; i++)
                    un[i + j] = AddCarry(un[i + j], vn[i], ref c);
                un[j + n] += c;
            }
            q[j] = (ulong)qhat;
        }

        ShiftRight(un[..n], s, r);
    }

    private static ulong DivRemSingle(ReadOnlySpan<ulong> u, ulong d, Span<ulong> q)
    {
        ulong rem = 0;
        for (int i = u.Length - 1; i >= 0; i--)
        {
            if (rem == 0)
            {
                q[i] = u[i] / d;
                rem = u[i] - q[i] * d;
                continue;
            }
            UInt128 cur = ((UInt128)rem << 64) | u[i];
            UInt128 qq = cur / d;
            q[i] = (ulong)qq;
            rem = (ulong)(cur - qq * d);
        }
        return rem;
    }

    private static ulong ShiftLeft(ReadOnlySpan<ulong> x, int s, Span<ulong> dst)
    {
        if (s == 0)
        {
            x.CopyTo(dst);
            return 0;
        }
        ulong carry = 0;
        for (int i = 0; i < x.Length; i++)
        {
            ulong v = x[i];
            dst[i] = (v << s) | carry;
            carry = v >> (64 - s);
        }
        return carry;
    }

    private static void ShiftRight(ReadOnlySpan<ulong> x, int s, Span<ulong> dst)
    {
        if (s == 0)
        {
            x.CopyTo(dst);
            return;
        }
        for (int i = 0; i < x.Length; i++)
        {
            ulong hi = i + 1 < x.Length ? x[i + 1] : 0;
            dst[i] = (x[i] >> s) | (hi << (64 - s));
        }
    }
}
