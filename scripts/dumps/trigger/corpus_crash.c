// SPDX-License-Identifier: GPL-2.0
/*
 * corpus_crash: crash the kernel on purpose, for the test corpus of crashlog.
 *
 * echo TYPE > /sys/kernel/debug/corpus_crash/trigger
 *   WARNING    WARN_ON(1) in cc_do_warning()   (boot with panic_on_warn=1)
 *   NULL       store through a NULL pointer in cc_do_null()
 *   BUG        BUG_ON(1) in cc_do_bug()
 *   STACKPROT  overwrite a local buffer's canary in cc_do_stackprot()
 *   IRQ        cc_do_irq() arms a hard-interrupt hrtimer and spins until it fires; its
 *              callback cc_irq_timer_fn() calls cc_do_null(): the oops is taken on the
 *              IRQ stack, with the interrupted task's registers on its task stack
 *
 * Every handler is noinline so that each one is a frame of its own:
 * cc_trigger_write -> cc_dispatch -> cc_do_TYPE.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/debugfs.h>
#include <linux/uaccess.h>
#include <linux/string.h>
#include <linux/bug.h>
#include <linux/hrtimer.h>
#include <linux/ktime.h>

static struct dentry *cc_dir;
static volatile int cc_true = 1;
int *cc_null_ptr;	/* stays NULL */
EXPORT_SYMBOL_GPL(cc_null_ptr);

static noinline int cc_do_warning(int arg)
{
	pr_info("corpus_crash: triggering WARNING\n");
	WARN_ON(cc_true);
	return arg + 1;
}

static noinline int cc_do_null(int arg)
{
	int *p = READ_ONCE(cc_null_ptr);

	pr_info("corpus_crash: triggering NULL dereference\n");
	*p = arg;		/* store to address 0 */
	return arg + 2;
}

static noinline int cc_do_bug(int arg)
{
	pr_info("corpus_crash: triggering BUG\n");
	BUG_ON(cc_true);
	return arg + 3;
}

static noinline int cc_do_stackprot(int arg)
{
	volatile char buf[16];
	int n = 16 + 32 * cc_true;	/* runs past buf: overwrites the canary */
	int i;

	pr_info("corpus_crash: triggering stack-protector\n");
	for (i = 0; i < n; i++)
		buf[i] = 'A';
	return buf[0] + arg;
}

static struct hrtimer cc_timer;
static volatile int cc_timer_fired;

static enum hrtimer_restart cc_irq_timer_fn(struct hrtimer *t)
{
	cc_timer_fired = 1;
	cc_do_null(7);		/* in hard-interrupt context */
	return HRTIMER_NORESTART;
}

static noinline int cc_do_irq(int arg)
{
	unsigned long spins = 0;

	pr_info("corpus_crash: triggering NULL dereference in a timer interrupt\n");
	hrtimer_init(&cc_timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	cc_timer.function = cc_irq_timer_fn;
	hrtimer_start(&cc_timer, ms_to_ktime(20), HRTIMER_MODE_REL_HARD);
	/* stay in this task's kernel context until the timer interrupts it */
	while (!cc_timer_fired) {
		spins++;
		cpu_relax();
	}
	return arg + (int)spins;
}

static noinline int cc_dispatch(const char *cmd, int arg)
{
	int ret = -EINVAL;

	if (sysfs_streq(cmd, "WARNING"))
		ret = cc_do_warning(arg);
	else if (sysfs_streq(cmd, "NULL"))
		ret = cc_do_null(arg);
	else if (sysfs_streq(cmd, "BUG"))
		ret = cc_do_bug(arg);
	else if (sysfs_streq(cmd, "STACKPROT"))
		ret = cc_do_stackprot(arg);
	else if (sysfs_streq(cmd, "IRQ"))
		ret = cc_do_irq(arg);
	pr_info("corpus_crash: %s returned %d\n", cmd, ret);
	return ret;
}

static noinline ssize_t cc_trigger_write(struct file *f, const char __user *ubuf,
					 size_t len, loff_t *off)
{
	char buf[32];
	size_t n = min(len, sizeof(buf) - 1);

	if (copy_from_user(buf, ubuf, n))
		return -EFAULT;
	buf[n] = '\0';
	cc_dispatch(buf, (int)len);
	return len;
}

static const struct file_operations cc_fops = {
	.owner = THIS_MODULE,
	.write = cc_trigger_write,
};

static int __init cc_init(void)
{
	cc_dir = debugfs_create_dir("corpus_crash", NULL);
	debugfs_create_file("trigger", 0200, cc_dir, NULL, &cc_fops);
	return 0;
}

static void __exit cc_exit(void)
{
	debugfs_remove_recursive(cc_dir);
}

module_init(cc_init);
module_exit(cc_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Crash the kernel on purpose (crashlog test corpus)");
