package dev.vigil.alerts;

/**
 * Text a regex reads through, which gives up after a number of character reads: a pattern
 * that backtracks catastrophically on some line costs that line a bounded amount of work
 * (it counts as no match), and the tailer thread it runs on never stalls.
 */
final class BudgetedText implements CharSequence {

	/** Most characters of an entry a pattern looks at. */
	static final int MAX_CHARS = 64 * 1024;

	/** Character reads one entry's matching may make. */
	static final long BUDGET = 1_000_000;

	/** Thrown when the budget is spent; no stack trace, it is expected. */
	static final class Exhausted extends RuntimeException {

		Exhausted() {
			super("regex step budget spent", null, false, false);
		}

	}

	private final CharSequence text;

	private final int start;

	private final int end;

	private final long[] left;

	private BudgetedText(CharSequence text, int start, int end, long[] left) {
		this.text = text;
		this.start = start;
		this.end = end;
		this.left = left;
	}

	/** The first {@link #MAX_CHARS} of {@code text}, with a fresh budget. */
	static BudgetedText of(String text) {
		return new BudgetedText(text, 0, Math.min(text.length(), MAX_CHARS), new long[] { BUDGET });
	}

	@Override
	public int length() {
		return this.end - this.start;
	}

	@Override
	public char charAt(int index) {
		if (--this.left[0] < 0) {
			throw new Exhausted();
		}
		return this.text.charAt(this.start + index);
	}

	@Override
	public CharSequence subSequence(int from, int to) {
		// Shares the budget: a pattern cannot reset it by taking a slice.
		return new BudgetedText(this.text, this.start + from, this.start + to, this.left);
	}

	@Override
	public String toString() {
		return this.text.subSequence(this.start, this.end).toString();
	}

}
