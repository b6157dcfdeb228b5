// Registers every C case (section ptest_cases) with GoogleTest, suite Percpu.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>

#include <string>

#include "percpu/percpu.h"
#include "percpu/percpu_testing.h"
#include "tests/harness/ptest.h"

extern "C" const struct ptest_case __start_ptest_cases[];
extern "C" const struct ptest_case __stop_ptest_cases[];

namespace
{

std::string skip_reason;

/** The case running now, for the trap report. */
const char *running_case = "(none)";

/** Writes `s` to stderr (async-signal-safe). */
void put_err(const char *s)
{
	ssize_t unused = write(2, s, strlen(s));
	(void) unused;
}

/**
 * SIGILL/SIGTRAP: what a failed UBSan check in trap mode raises
 * (--config=ubsan_trap). Names the case and the trapping address, then dies
 * of the signal as before.
 */
void on_trap(int sig, siginfo_t *info, void *)
{
	char hex[19] = "0x";
	uintptr_t pc = (uintptr_t) info->si_addr;

	for (int i = 0; i < 16; i++)
		hex[2 + i] = "0123456789abcdef"[(pc >> (60 - 4 * i)) & 0xf];
	hex[18] = 0;
	put_err("\npercpu test: trap (SIGILL/SIGTRAP: an undefined-behaviour "
		"check, or a fault) in case ");
	put_err(running_case);
	put_err(" at ");
	put_err(hex);
	put_err("\n");
	signal(sig, SIG_DFL);
	raise(sig);
}

class CaseTest : public testing::Test
{
      public:
	explicit CaseTest(const ptest_case *c) : case_(c) {}

	void TestBody() override
	{
		// In single-CPU builds the template is the live data, so no
		// init can give a case fresh values: each case runs in its own
		// child process.
		if (ARCH_PERCPU_SINGLE) {
			RunInChild();
		} else {
			RunHere();
		}
	}

      private:
	static constexpr int kSkipped = 2;

	void RunHere()
	{
		skip_reason.clear();
		percpu_test_reset();
		running_case = case_->name;
		case_->fn();
		ptest_capture_end();
		if (!skip_reason.empty())
			GTEST_SKIP() << skip_reason;
	}

	void RunInChild()
	{
		fflush(nullptr);
		pid_t pid = fork();
		ASSERT_GE(pid, 0);
		if (pid == 0) {
			RunHere();
			fflush(nullptr);
			_exit(HasFailure()	    ? 1
			      : skip_reason.empty() ? 0
						    : kSkipped);
		}
		int status = 0;
		ASSERT_EQ(waitpid(pid, &status, 0), pid);
		ASSERT_TRUE(WIFEXITED(status))
			<< "case crashed, status " << status;
		if (WEXITSTATUS(status) == kSkipped)
			GTEST_SKIP() << "skipped in child";
		EXPECT_EQ(WEXITSTATUS(status), 0)
			<< "case failed in child (see above)";
	}

	const ptest_case *case_;
};

} // namespace

extern "C" void ptest_fail(const char *file, int line, const char *expr,
			   uint64_t actual, uint64_t expected)
{
	ADD_FAILURE_AT(file, line)
		<< expr << ": got " << actual << " (0x" << std::hex << actual
		<< "), want " << std::dec << expected << " (0x" << std::hex
		<< expected << ")";
}

extern "C" void ptest_skip(const char *reason)
{
	skip_reason = reason;
}

int main(int argc, char **argv)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_trap;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGILL, &sa, nullptr);
	sigaction(SIGTRAP, &sa, nullptr);
	testing::InitGoogleTest(&argc, argv);
	for (const ptest_case *c = __start_ptest_cases; c < __stop_ptest_cases;
	     ++c) {
		testing::RegisterTest(
			"Percpu", c->name, nullptr, nullptr, __FILE__, __LINE__,
			[c]() -> testing::Test * { return new CaseTest(c); });
	}
	return RUN_ALL_TESTS();
}
