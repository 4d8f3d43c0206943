namespace RetailTagging.Identity;

/// <summary>
/// The keys of one kind (rule keys or blocking keys) and the records posted under each, in arrays of
/// <see cref="int"/> and <see cref="long"/> only: the garbage collector never has to trace them, however many
/// millions of keys there are (a dictionary of lists would be an object per shared key and a reference per entry).
/// </summary>
/// <remarks>
/// A key is a name and up to two values (interned ids, 1-based), or a longer key's prefix (an id of this
/// index) and up to two more values. Keys are interned in an open-addressing table (linear probing, at most
/// half full) and numbered densely; numbers are never reused, so a key keeps its id when its last record
/// leaves. The records of a key form a linked list of nodes in indexing order (first indexed first).
/// Not thread-safe for writers; readers may run in parallel while nothing is written.
/// </remarks>
internal sealed class KeyIndex
{
    /// <summary>Marks a prefix that is an id of this index rather than a name (a value id).</summary>
    public const uint PrefixFlag = 0x8000_0000;

    private long[] _slotHead = new long[16];
    private int[] _slotTail = new int[16];
    private int[] _slotId = new int[16]; // id + 1; 0 = empty slot
    private int _shift = 60;             // 64 - log2(slots)
    private int _count;

    private int[] _slotOfId = new int[16];
    private int[] _first = new int[16]; // per id: first node (0 = none)
    private int[] _last = new int[16];
    private int[] _size = new int[16];

    private int[] _nodeRecord = new int[16]; // node 0 is unused: 0 means "no node"
    private int[] _nodeNext = new int[16];
    private int _nodes = 1;
    private int _freeNode;

    /// <summary>The id of the key (prefix, a, b), interned on first use; b is 0 when the key has one value there.</summary>
    public int Intern(uint prefix, int a, int b)
    {
        var head = ((long)prefix << 32) | (uint)a;
        var slot = SlotOf(head, b);
        while (_slotId[slot] != 0)
        {
            if (_slotHead[slot] == head && _slotTail[slot] == b)
            {
                return _slotId[slot] - 1;
            }
            slot = (slot + 1) & (_slotId.Length - 1);
        }
        var id = _count++;
        _slotHead[slot] = head;
        _slotTail[slot] = b;
        _slotId[slot] = id + 1;
        EnsureIds(id + 1);
        _slotOfId[id] = slot;
        if (_count * 2 > _slotId.Length)
        {
            Grow();
        }
        return id;
    }

    /// <summary>The parts a key was interned from.</summary>
    public (uint Prefix, int A, int B) Parts(int id)
    {
        var slot = _slotOfId[id];
        var head = _slotHead[slot];
        return ((uint)(head >> 32), (int)(uint)head, _slotTail[slot]);
    }

    /// <summary>How many records are posted under the key.</summary>
    public int Count(int id) => _size[id];

    /// <summary>The record posted first under the key (the key must have records).</summary>
    public int First(int id) => _nodeRecord[_first[id]];

    /// <summary>The records posted under the key, first indexed first.</summary>
    public Postings Records(int id) => new(this, _first[id]);

    /// <summary>Posts a record under a key; returns how many records share the key now, and the first of them.</summary>
    public int Post(int id, int record, out int first)
    {
        int node;
        if (_freeNode != 0)
        {
            node = _freeNode; // reuse a node a removed record left
            _freeNode = _nodeNext[node];
        }
        else
        {
            node = _nodes++;
            if (node >= _nodeRecord.Length)
            {
                Array.Resize(ref _nodeRecord, _nodeRecord.Length * 2);
                Array.Resize(ref _nodeNext, _nodeNext.Length * 2);
            }
        }
        _nodeRecord[node] = record;
        _nodeNext[node] = 0;
        if (_first[id] == 0)
        {
            _first[id] = node;
        }
        else
        {
            _nodeNext[_last[id]] = node;
        }
        _last[id] = node;
        first = _nodeRecord[_first[id]];
        return ++_size[id];
    }

    /// <summary>Removes a record from a key (when it is there).</summary>
    public void Unpost(int id, int record)
    {
        var previous = 0;
        for (var node = _first[id]; node != 0; previous = node, node = _nodeNext[node])
        {
            if (_nodeRecord[node] != record)
            {
                continue;
            }
            var next = _nodeNext[node];
            if (previous == 0)
            {
                _first[id] = next;
            }
            else
            {
                _nodeNext[previous] = next;
            }
            if (_last[id] == node)
            {
                _last[id] = previous;
            }
            _size[id]--;
            _nodeNext[node] = _freeNode;
            _freeNode = node;
            return;
        }
    }

    /// <summary>Makes room for this many more keys and postings without repeated doubling.</summary>
    public void Reserve(int keys)
    {
        EnsureIds(_count + keys);
        while ((_count + keys) * 2 > _slotId.Length)
        {
            Grow();
        }
        if (_nodes + keys > _nodeRecord.Length)
        {
            var size = Math.Max(_nodes + keys, _nodeRecord.Length * 2);
            Array.Resize(ref _nodeRecord, size);
            Array.Resize(ref _nodeNext, size);
        }
    }

    private int SlotOf(long head, int tail)
    {
        // Fibonacci hashing of both halves: the top bits of the product pick the slot.
        var h = ((ulong)head * 0x9E3779B97F4A7C15UL) ^ ((ulong)(uint)tail * 0xC2B2AE3D27D4EB4FUL);
        h ^= h >> 31;
        return (int)((h * 0x9E3779B97F4A7C15UL) >> _shift);
    }

    private void EnsureIds(int needed)
    {
        if (needed <= _slotOfId.Length)
        {
            return;
        }
        var size = Math.Max(needed, _slotOfId.Length * 2);
        Array.Resize(ref _slotOfId, size);
        Array.Resize(ref _first, size);
        Array.Resize(ref _last, size);
        Array.Resize(ref _size, size);
    }

    private void Grow()
    {
        var (heads, tails, ids) = (_slotHead, _slotTail, _slotId);
        _slotHead = new long[heads.Length * 2];
        _slotTail = new int[heads.Length * 2];
        _slotId = new int[heads.Length * 2];
        _shift--;
        for (var s = 0; s < ids.Length; s++)
        {
            if (ids[s] == 0)
            {
                continue;
            }
            var slot = SlotOf(heads[s], tails[s]);
            while (_slotId[slot] != 0)
            {
                slot = (slot + 1) & (_slotId.Length - 1);
            }
            _slotHead[slot] = heads[s];
            _slotTail[slot] = tails[s];
            _slotId[slot] = ids[s];
            _slotOfId[ids[s] - 1] = slot;
        }
    }

    /// <summary>The records of one key, walked without allocating (<c>foreach</c>).</summary>
    public struct Postings(KeyIndex index, int node)
    {
        private int _next = node;

        /// <summary>The current record.</summary>
        public int Current { get; private set; }

        /// <summary>Moves to the next record.</summary>
        public bool MoveNext()
        {
            if (_next == 0)
            {
                return false;
            }
            Current = index._nodeRecord[_next];
            _next = index._nodeNext[_next];
            return true;
        }

        /// <summary>For <c>foreach</c>.</summary>
        public readonly Postings GetEnumerator() => this;
    }
}
