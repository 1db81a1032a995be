package results

import (
	"bufio"
	"encoding/binary"
	"encoding/csv"
	"io"
	"math"
	"os"
	"slices"
	"strconv"

	"zsa/models"
	"zsa/sim/stats"
)

// spill is a temporary file that a fold appends to as runs come in. It is
// removed from its directory at once where the system allows it (the
// open file stays readable), otherwise when it is closed; either way
// nothing is left behind by a fold that is closed.
type spill struct {
	f    *os.File
	buf  *bufio.Writer
	name string // the file's name while it is still in its directory
	// n is the number of bytes written, committed that up to the last
	// commit.
	n, committed int64
}

// newSpill creates a spill in the system's temporary directory.
func newSpill() (*spill, error) {
	f, err := os.CreateTemp("", "zsa-fold-*.tmp")
	if err != nil {
		return nil, err
	}
	s := &spill{f: f, buf: bufio.NewWriterSize(f, 64<<10)}
	if os.Remove(f.Name()) != nil {
		s.name = f.Name() // Windows: removed by close
	}
	return s, nil
}

// Write appends p.
func (s *spill) Write(p []byte) (int, error) {
	n, err := s.buf.Write(p)
	s.n += int64(n)
	return n, err
}

// commit marks everything written so far as part of the output.
func (s *spill) commit() { s.committed = s.n }

// section returns a reader of bytes [off, off+n) of what was written.
func (s *spill) section(off, n int64) (io.Reader, error) {
	if err := s.buf.Flush(); err != nil {
		return nil, err
	}
	return io.NewSectionReader(s.f, off, n), nil
}

// close closes and removes the file.
func (s *spill) close() error {
	err := s.f.Close()
	if s.name != "" {
		if rerr := os.Remove(s.name); err == nil {
			err = rerr
		}
	}
	return err
}

// replicationTable is a CSV file with rows per replication and arm:
// rows emits the rows of run r of arm a (without the columns rep, seed and
// arm, which emit adds).
type replicationTable struct {
	name   string
	header []string
	rows   func(c *Comparison, emit func(...string), a int, r *models.Result)
}

// table is a replicationTable being folded: its rows so far in a spill.
type table struct {
	replicationTable
	spill *spill
	w     *csv.Writer
}

// add writes the rows of run r of arm a in replication rep.
func (t *table) add(f *fold, rep, a int, r *models.Result) error {
	prefix := []string{strconv.Itoa(rep + 1), strconv.FormatUint(r.Seed, 10), f.c.Arms[a].Name}
	var err error
	t.rows(f.c, func(fields ...string) {
		if err == nil {
			err = t.w.Write(append(prefix[:3:3], fields...))
		}
	}, a, r)
	return err
}

// commit makes the rows written so far part of the table.
func (t *table) commit() error {
	t.w.Flush()
	if err := t.w.Error(); err != nil {
		return err
	}
	t.spill.commit()
	return nil
}

// writeTo writes the table: its header and the rows of the replications
// committed.
func (t *table) writeTo(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(t.header); err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	rows, err := t.spill.section(0, t.spill.committed)
	if err != nil {
		return err
	}
	_, err = io.Copy(w, rows)
	return err
}

// leadPool is the lead times of a service total in one arm, one sorted
// run per replication: in the fold's spill (off, n) or in memory (mem).
type leadPool struct {
	runs []leadRun
}

// leadRun is one replication's sorted lead times.
type leadRun struct {
	off int64
	n   int
	mem []float64
}

// addLeads keeps the sorted lead times xs of a run: in the spill if the
// fold has files, otherwise as they are.
func (f *fold) addLeads(xs []float64) leadRun {
	if !f.files {
		return leadRun{n: len(xs), mem: xs}
	}
	run := leadRun{off: f.leads.n, n: len(xs)}
	var b [8]byte
	for _, x := range xs {
		binary.LittleEndian.PutUint64(b[:], math.Float64bits(x))
		f.leads.Write(b[:]) // an error shows at the flush before reading
	}
	return run
}

// len returns the number of lead times in the pool.
func (p *leadPool) len() int {
	n := 0
	for _, r := range p.runs {
		n += r.n
	}
	return n
}

// quantiles returns the p-quantiles of the pooled lead times (as
// stats.Samples.Quantile of all of them) for every p in ps, NaN if there
// are none. It merges the sorted runs in one pass, keeping only the order
// statistics the quantiles need, so its memory does not depend on the
// number of lead times.
func (p *leadPool) quantiles(sp *spill, ps []float64) ([]float64, error) {
	n := p.len()
	out := make([]float64, len(ps))
	if n == 0 {
		for i := range out {
			out[i] = math.NaN()
		}
		return out, nil
	}
	// The order statistics Quantile reads: ⌊(n−1)p⌋ and the next one.
	var ranks []int
	for _, q := range ps {
		j := int(float64(n-1) * q)
		ranks = append(ranks, j)
		if j+1 < n {
			ranks = append(ranks, j+1)
		}
	}
	slices.Sort(ranks)
	ranks = slices.Compact(ranks)
	values := make(map[int]float64, len(ranks))
	m, err := newMerge(p.runs, sp)
	if err != nil {
		return nil, err
	}
	for i, k := 0, 0; k < len(ranks); i++ {
		x, err := m.next()
		if err != nil {
			return nil, err
		}
		if i == ranks[k] {
			values[i] = x
			k++
		}
	}
	for i, q := range ps {
		out[i] = stats.QuantileSorted(n, q, func(i int) float64 {
			x, ok := values[i]
			if !ok {
				panic("results: lead-time order statistic not merged")
			}
			return x
		})
	}
	return out, nil
}

// merge yields the values of sorted runs in increasing order: a binary
// heap of the runs by their next value.
type merge struct {
	runs []*leadReader
	heap []int // indices into runs
}

// leadReader reads one run.
type leadReader struct {
	mem  []float64
	r    *bufio.Reader
	left int
	cur  float64
}

// advance moves to the run's next value; it returns false at its end.
func (r *leadReader) advance() (bool, error) {
	if r.left == 0 {
		return false, nil
	}
	r.left--
	if r.r == nil {
		r.cur, r.mem = r.mem[0], r.mem[1:]
		return true, nil
	}
	var b [8]byte
	if _, err := io.ReadFull(r.r, b[:]); err != nil {
		return false, err
	}
	r.cur = math.Float64frombits(binary.LittleEndian.Uint64(b[:]))
	return true, nil
}

// newMerge starts a merge of runs, those on file read from sp.
func newMerge(runs []leadRun, sp *spill) (*merge, error) {
	m := &merge{}
	for _, run := range runs {
		rr := &leadReader{mem: run.mem, left: run.n}
		if run.mem == nil && run.n > 0 {
			sec, err := sp.section(run.off, 8*int64(run.n))
			if err != nil {
				return nil, err
			}
			rr.r = bufio.NewReaderSize(sec, 4096)
		}
		ok, err := rr.advance()
		if err != nil {
			return nil, err
		}
		if ok {
			m.runs = append(m.runs, rr)
			m.heap = append(m.heap, len(m.runs)-1)
		}
	}
	for i := len(m.heap)/2 - 1; i >= 0; i-- {
		m.down(i)
	}
	return m, nil
}

// next returns the smallest value not yet returned; it must not be called
// more often than there are values.
func (m *merge) next() (float64, error) {
	top := m.runs[m.heap[0]]
	x := top.cur
	ok, err := top.advance()
	if err != nil {
		return 0, err
	}
	if !ok {
		last := len(m.heap) - 1
		m.heap[0] = m.heap[last]
		m.heap = m.heap[:last]
	}
	if len(m.heap) > 0 {
		m.down(0)
	}
	return x, nil
}

// down restores the heap order below position i.
func (m *merge) down(i int) {
	h := m.heap
	for {
		l := 2*i + 1
		if l >= len(h) {
			return
		}
		j := l
		if r := l + 1; r < len(h) && m.runs[h[r]].cur < m.runs[h[l]].cur {
			j = r
		}
		if !(m.runs[h[j]].cur < m.runs[h[i]].cur) {
			return
		}
		h[i], h[j] = h[j], h[i]
		i = j
	}
}
