package dev.vigil.logs;

import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Regex matching that cannot stall its caller: a pattern with catastrophic backtracking
 * ({@code (a+)+$}) against a long line would hold the tailer, and every client of its
 * source, for minutes. Matching sees at most the first {@link #MAX_TEXT} characters of
 * the text and gives up after {@link #BUDGET} character reads, which counts as no match.
 */
final class BoundedRegex {

	/** Characters of an entry's text a pattern looks at. */
	static final int MAX_TEXT = 64 * 1024;

	/**
	 * Character reads per match: a few milliseconds of work. Linear patterns need a few
	 * reads per character; quadratic ones ({@code .*a.*b}) still fit for lines of a
	 * couple of thousand characters.
	 */
	static final long BUDGET = 5_000_000;

	private static final AtomicLong aborted = new AtomicLong();

	private BoundedRegex() {
	}

	/**
	 * Whether {@code pattern} is found in {@code text}, {@code false} when the budget ran
	 * out first.
	 */
	static boolean find(Pattern pattern, String text) {
		return find(pattern, text, BUDGET);
	}

	static boolean find(Pattern pattern, String text, long budget) {
		Budgeted input = new Budgeted(text, Math.min(text.length(), MAX_TEXT), budget);
		try {
			return pattern.matcher(input).find();
		}
		catch (OutOfBudget ex) {
			aborted.incrementAndGet();
			return false;
		}
		catch (StackOverflowError ex) {
			// Deeply nested alternations recurse per character: the same verdict.
			aborted.incrementAndGet();
			return false;
		}
	}

	/** Matches given up since start, for the {@code vigil.logs.regex.aborted} counter. */
	static long aborted() {
		return aborted.get();
	}

	/** The text's first characters, counting every read. */
	private static final class Budgeted implements CharSequence {

		private final String text;

		private final int length;

		private long left;

		Budgeted(String text, int length, long budget) {
			this.text = text;
			this.length = length;
			this.left = budget;
		}

		@Override
		public int length() {
			return this.length;
		}

		@Override
		public char charAt(int index) {
			if (--this.left < 0) {
				throw OutOfBudget.INSTANCE;
			}
			if (index >= this.length) {
				throw new IndexOutOfBoundsException(index);
			}
			return this.text.charAt(index);
		}

		@Override
		public CharSequence subSequence(int start, int end) {
			if (start < 0 || end > this.length || start > end) {
				throw new IndexOutOfBoundsException();
			}
			return this.text.substring(start, end);
		}

		@Override
		public String toString() {
			return this.text.substring(0, this.length);
		}

	}

	/** Thrown often under attack: one instance, no stack trace. */
	private static final class OutOfBudget extends RuntimeException {

		static final OutOfBudget INSTANCE = new OutOfBudget();

		private OutOfBudget() {
			super("regex step budget exhausted", null, false, false);
		}

	}

}
