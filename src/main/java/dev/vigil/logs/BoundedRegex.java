package dev.vigil.logs;

import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A filter's regex, matched so that it cannot stall its caller: a pattern with
 * catastrophic backtracking ({@code (x+x+)+y}) against a long line would hold the tailer,
 * and every client of its source, for minutes. A match must start and end within the
 * first {@link #MAX_TEXT} characters of the text, and matching gives up after
 * {@link #BUDGET} character reads, which counts as no match. Case-insensitive. Alert
 * rules match with it too, so the viewer and an alert made from its filter agree.
 */
public final class BoundedRegex {

	/** Characters of an entry's text a pattern looks at. */
	static final int MAX_TEXT = 64 * 1024;

	/**
	 * Character reads per match, some tens of milliseconds at worst. Linear patterns need
	 * a few reads per character; quadratic ones fit for lines of several hundred
	 * characters.
	 */
	static final long BUDGET = 1_000_000;

	private static final AtomicLong aborted = new AtomicLong();

	private final String source;

	private final Pattern pattern;

	private BoundedRegex(String source, Pattern pattern) {
		this.source = source;
		this.pattern = pattern;
	}

	/**
	 * @throws PatternSyntaxException for an invalid pattern
	 */
	public static BoundedRegex compile(String source) {
		int flags = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
		// The pattern as given first, so that an error points into what was written.
		Pattern pattern = Pattern.compile(source, flags);
		String searchable = searchable(source);
		return new BoundedRegex(source, searchable.equals(source) ? pattern : Pattern.compile(searchable, flags));
	}

	/** The pattern as given. */
	String source() {
		return this.source;
	}

	/**
	 * Whether the pattern is found in {@code text}, {@code false} when the budget ran out
	 * first.
	 */
	public boolean find(String text) {
		return find(this.pattern, text, BUDGET);
	}

	static boolean find(Pattern pattern, String text, long budget) {
		// A region, not a cut copy: $ and \b still see that the text goes on.
		Matcher matcher = pattern.matcher(new Budgeted(text, budget))
			.region(0, Math.min(text.length(), MAX_TEXT))
			.useAnchoringBounds(false)
			.useTransparentBounds(true);
		try {
			return matcher.find();
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

	/**
	 * Without a leading and a trailing {@code .*}: people write {@code .*timeout.*},
	 * which is found exactly where {@code timeout} is (both may match nothing), but costs
	 * reads quadratic in the line's length.
	 */
	static String searchable(String source) {
		String pattern = source;
		if (pattern.contains("\\Q")) {
			// .* may be quoted text
			return pattern;
		}
		if (pattern.startsWith(".*") && !pattern.startsWith(".*+")) {
			pattern = pattern.substring(pattern.startsWith(".*?") ? 3 : 2);
		}
		if (pattern.endsWith(".*") && !escaped(pattern, pattern.length() - 2)) {
			pattern = pattern.substring(0, pattern.length() - 2);
		}
		return pattern;
	}

	/** Whether the character at {@code index} follows an odd run of backslashes. */
	private static boolean escaped(String pattern, int index) {
		int backslashes = 0;
		for (int i = index - 1; i >= 0 && pattern.charAt(i) == '\\'; i--) {
			backslashes++;
		}
		return backslashes % 2 == 1;
	}

	/** Matches given up since start, for the {@code vigil.logs.regex.aborted} counter. */
	static long aborted() {
		return aborted.get();
	}

	/** The text, counting every character read. */
	private static final class Budgeted implements CharSequence {

		private final String text;

		private long left;

		Budgeted(String text, long budget) {
			this.text = text;
			this.left = budget;
		}

		@Override
		public int length() {
			return this.text.length();
		}

		@Override
		public char charAt(int index) {
			if (--this.left < 0) {
				throw OutOfBudget.INSTANCE;
			}
			return this.text.charAt(index);
		}

		@Override
		public CharSequence subSequence(int start, int end) {
			return this.text.substring(start, end);
		}

		@Override
		public String toString() {
			return this.text;
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
