// Registers every C case (section ptest_cases) with GoogleTest, suite Percpu.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>

#include "percpu/percpu.h"
#include "percpu/percpu_testing.h"
#include "tests/harness/ptest.h"

extern "C" const struct ptest_case __start_ptest_cases[];
extern "C" const struct ptest_case __stop_ptest_cases[];

namespace
{

std::string skip_reason;

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
	testing::InitGoogleTest(&argc, argv);
	for (const ptest_case *c = __start_ptest_cases; c < __stop_ptest_cases;
	     ++c) {
		testing::RegisterTest(
			"Percpu", c->name, nullptr, nullptr, __FILE__, __LINE__,
			[c]() -> testing::Test * { return new CaseTest(c); });
	}
	return RUN_ALL_TESTS();
}
