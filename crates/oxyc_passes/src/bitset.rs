//! A small fixed-size bit set for dataflow analyses.
//!
//! The analyses copy sets at every op, so sets of up to `INLINE * 64` members (the
//! registers of most functions) live inline: copying one allocates nothing.

/// Words kept inline.
const INLINE: usize = 4;

#[derive(Debug, Clone)]
pub struct BitSet {
    /// Number of words in use.
    len: usize,
    inline: [u64; INLINE],
    /// The words, when there are more than `INLINE` (else empty).
    heap: Vec<u64>,
}

impl PartialEq for BitSet {
    fn eq(&self, o: &BitSet) -> bool {
        self.words() == o.words()
    }
}

impl Eq for BitSet {}

impl BitSet {
    pub fn new(n: usize) -> BitSet {
        let len = n.div_ceil(64);
        BitSet {
            len,
            inline: [0; INLINE],
            heap: if len > INLINE {
                vec![0; len]
            } else {
                Vec::new()
            },
        }
    }
    pub fn full(n: usize) -> BitSet {
        let mut s = BitSet::new(n);
        let words = s.words_mut();
        words.fill(u64::MAX);
        if let Some(last) = words.last_mut()
            && !n.is_multiple_of(64)
        {
            *last = (1u64 << (n % 64)) - 1;
        }
        s
    }
    fn words(&self) -> &[u64] {
        if self.len > INLINE {
            &self.heap
        } else {
            &self.inline[..self.len]
        }
    }
    fn words_mut(&mut self) -> &mut [u64] {
        if self.len > INLINE {
            &mut self.heap
        } else {
            &mut self.inline[..self.len]
        }
    }
    pub fn insert(&mut self, i: usize) {
        if let Some(w) = self.words_mut().get_mut(i / 64) {
            *w |= 1 << (i % 64);
        }
    }
    pub fn remove(&mut self, i: usize) {
        if let Some(w) = self.words_mut().get_mut(i / 64) {
            *w &= !(1 << (i % 64));
        }
    }
    pub fn contains(&self, i: usize) -> bool {
        self.words()
            .get(i / 64)
            .is_some_and(|w| w & (1 << (i % 64)) != 0)
    }
    pub fn union_with(&mut self, o: &BitSet) {
        for (a, b) in self.words_mut().iter_mut().zip(o.words()) {
            *a |= b;
        }
    }
    pub fn intersect_with(&mut self, o: &BitSet) {
        for (a, b) in self.words_mut().iter_mut().zip(o.words()) {
            *a &= b;
        }
    }
    /// `self |= o`; did `self` change?
    pub fn union_changed(&mut self, o: &BitSet) -> bool {
        let mut changed = false;
        for (a, b) in self.words_mut().iter_mut().zip(o.words()) {
            let new = *a | b;
            changed |= new != *a;
            *a = new;
        }
        changed
    }
    /// `self &= o`; did `self` change?
    pub fn intersect_changed(&mut self, o: &BitSet) -> bool {
        let mut changed = false;
        for (a, b) in self.words_mut().iter_mut().zip(o.words()) {
            let new = *a & b;
            changed |= new != *a;
            *a = new;
        }
        changed
    }
    /// The members, in increasing order (one step per member, not per bit).
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.words()
            .iter()
            .enumerate()
            .filter(|(_, w)| **w != 0)
            .flat_map(|(wi, &w)| {
                let mut rest = w;
                std::iter::from_fn(move || {
                    if rest == 0 {
                        return None;
                    }
                    let b = rest.trailing_zeros() as usize;
                    rest &= rest - 1;
                    Some(wi * 64 + b)
                })
            })
    }
}

#[cfg(test)]
mod tests {
    use super::BitSet;

    #[test]
    fn small_and_large_sets() {
        for n in [0, 1, 63, 64, 65, 255, 256, 257, 1000] {
            let mut s = BitSet::new(n);
            let members: Vec<usize> = (0..n).filter(|i| i % 7 == 3 || i + 1 == n).collect();
            for &i in &members {
                s.insert(i);
            }
            assert_eq!(s.iter().collect::<Vec<_>>(), members, "n = {n}");
            let full = BitSet::full(n);
            assert_eq!(full.iter().count(), n, "n = {n}");
            let mut t = full.clone();
            t.intersect_with(&s);
            assert_eq!(t, s, "n = {n}");
            for &i in &members {
                t.remove(i);
            }
            assert_eq!(t, BitSet::new(n), "n = {n}");
        }
    }
}
